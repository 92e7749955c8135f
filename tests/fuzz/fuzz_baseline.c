#define _GNU_SOURCE
/* The baseline reader: a file of any bytes is a baseline or a clean error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "scanner/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/fq-fuzz-baseline-XXXXXX";
	int fd = mkstemp(path);
	fq_baseline b;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size && fq_baseline_load(&b, path) == 0)
		fq_baseline_free(&b);
	close(fd);
	unlink(path);
	return 0;
}
