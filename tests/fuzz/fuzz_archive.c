/* The archive reader on arbitrary bytes, with small limits so that one
 * input stays cheap: whatever the input, every member fits the member
 * limit and is NUL-terminated, member paths carry no raw control
 * character, backslash or ".." segment, and every note is one line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/archive.h"
#include "util/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NAME "fuzz.tar"
#define MAX_MEMBER ((size_t)1 << 20)

static void check_path(const char *path)
{
	const char *p = path + strlen(NAME), *seg;

	if (strncmp(path, NAME, strlen(NAME)) != 0)
		abort();
	for (; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
		/* a backslash only ever starts an escape */
		if (*p == '\\' && p[1] != 'x')
			abort();
	}
	/* no member name is a ".." segment, or starts with "/" */
	for (seg = path; (seg = strchr(seg, '!')); seg++) {
		if (seg[1] == '/')
			abort();
	}
	for (seg = path + strlen(NAME); *seg; seg++) {
		if ((seg[-1] == '/' || seg[-1] == '!') && seg[0] == '.' && seg[1] == '.' &&
		    (seg[2] == '/' || seg[2] == '!' || seg[2] == '\0'))
			abort();
	}
}

static int on_member(void *ud, const char *path, const char *data, size_t len)
{
	size_t *total = ud;

	if (len > MAX_MEMBER || data[len] != '\0')
		abort();
	if (strcmp(path, NAME) != 0)
		check_path(path);
	*total += len;
	return 0;
}

static void on_note(void *ud, const char *path, const char *message)
{
	const char *p;

	(void)ud;
	if (!path[0] || !message[0])
		abort();
	for (p = message; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fq_archive_limits lim;
	size_t total = 0;
	int rc;

	fq_archive_limits_default(&lim, MAX_MEMBER);
	lim.max_expanded = (uint64_t)8 << 20;
	lim.ratio_floor = (uint64_t)256 << 10;
	lim.max_notes = 16;
	(void)fq_archive_detect("fuzz.zip", data, size);
	rc = fq_archive_walk(NAME, data, size, &lim, on_member, on_note, &total);
	if (rc != 0 && rc != FQ_ENOTFOUND)
		abort();
	if (rc == 0 && !fq_archive_detect(NAME, data, size))
		abort();
	/* members are bytes some level expanded, and counted, or the input
	 * itself when it could not be read */
	if (total > lim.max_expanded + size)
		abort();
	return 0;
}
