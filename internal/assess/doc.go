// Package assess is the assessment around the scoring engine:
//
//   - schemes (考核方案) as the assessment office writes them: one readable
//     YAML file per year and class — the 考核办法 — reviewed, diffed and
//     versioned, imported and exported without loss, kept as drafts or
//     adopted, and turned into the engine's score.Scheme;
//   - the bonus, deduction and veto records with their evidence and
//     approval, and the rating rounds and forms (docs/ASSESSMENT_RECORDS.md);
//   - results: a checkpoint's inputs read from the plan's figures, the
//     records and the ratings, scored and explained, published as immutable
//     versions, compared, weighed over the year, tried against a draft
//     (what-if), and written as a 通报 (docs/ASSESSMENT.md).
//
// The engine itself (internal/score) knows nothing of the database.
package assess
