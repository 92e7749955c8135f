/*
 * libcurl is loaded on first use (checks/curl_load.c): a scan that runs no
 * probe never loads it.
 */
#ifndef FQ_CURL_LOAD_H
#define FQ_CURL_LOAD_H

/* NULL once libcurl is loaded, else why it could not be (the first call
 * tries). */
const char *fq_curl_load_error(void);

#endif
