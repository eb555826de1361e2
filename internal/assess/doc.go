// Package assess owns assessment schemes (考核方案) as the assessment office
// writes them: one readable YAML file per year and class — the 考核办法 —
// that can be reviewed, diffed and versioned, imported and exported without
// loss, and turned into the engine's score.Scheme.
//
// It imports internal/score, internal/i18n, internal/db and internal/audit.
package assess
