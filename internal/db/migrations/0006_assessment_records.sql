-- Reserved for work in progress.
SELECT 1;
