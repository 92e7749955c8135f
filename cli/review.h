/*
 * The `review` and `merge` commands (SPEC §1): a periodic security review of
 * many repositories, shardable over machines that never talk to each other,
 * and the merge of the shard reports into one organisation report
 * (reports/review.h).  Each returns the exit code of SPEC §1.
 */
#ifndef FQ_CLI_REVIEW_H
#define FQ_CLI_REVIEW_H

/* fourq-scan review --repos FILE [...]: argv holds the arguments after
 * "review". */
int fq_review_main(int argc, char **argv);
/* fourq-scan merge REPORT.json... [...]: argv after "merge". */
int fq_merge_main(int argc, char **argv);

#endif
