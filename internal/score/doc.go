// Package score is the scoring engine of the assessment (考核): plain
// values in, scores, explanations, ranks and grades out. It knows no
// database and no HTTP, and imports nothing of gaoxin's own, so that a
// published result can be recomputed from its inputs at any time.
//
// # Use
//
// A Scheme is one class's scheme at one checkpoint: Items (code, name,
// full points W, Direction, MissingPolicy and one Rule), a BonusRule, a
// DeductionRule, a VetoRule, Grades from the top down, a TopQuota and a
// TieBreak. The rules are the product's §2: Proportional, Threshold,
// Linear (with Segment slopes), Efficacy, Stretch (确保–力争), Growth,
// Rank (with RankBand), Count and Rating (with RaterType).
//
// A Unit carries its Input per item code (Actual, Target, Stretch,
// LastYear, Count, Ratings, Missing), its LastRank per item, and its
// Bonuses, Deductions and Vetoes.
//
//	results, err := score.Score(scheme, units) // one class, one checkpoint
//	err = score.ExplainAll(results)            // or results[i].Explain()
//	year, err := score.CombineCheckpoints(cps)  // 过程考核
//	moves, err := score.WhatIf(current, draft, units)
//
// Score validates the scheme first and returns a *SchemeError listing every
// Problem (unknown rule, W ≤ 0, 满意值 not beyond 不允许值, overlapping
// grade bands, …) with the item it concerns. Each Result holds ItemResults
// (code, state, points), the bonus, deductions, soft-veto points, the
// total, the rank, the grade and Notes explaining all but the items.
// Explain adds each item's Explanation in Chinese and English, on demand:
// it runs the same rules again on the same inputs, so the text is the one
// scoring would have written, and it refuses (ErrChanged) when the units
// no longer give the points scored. The invariant, exactly:
//
//	Total = Σ item points + Bonus − Deduction − VetoPoints
//
// The total is not floored at 0, so that the invariant holds and two heavily
// vetoed units still rank by merit.
//
// # Numbers
//
// Num is an exact decimal (coefficient × 10^-scale) of the package's own
// making, with an int64 coefficient while it fits and a big.Int beyond. It
// was chosen over big.Rat because the figures are decimals: sums of a
// hundred item scores stay small and fast as decimals, where the
// denominators of rationals multiply, and a decimal shows as it is stored.
// +, − and × are exact. Division is exact when the quotient terminates and
// otherwise rounded half away from zero at DivScale (12) places; each rule
// divides at most once per item (r = A/T, the efficacy fraction, the growth
// share…), and everything after that division is exact. Figures come in as
// decimal strings (Dec) or float64 through their shortest decimal form
// (Float), so that 2950 and 3200 are exactly 2950 and 3200.
//
// # Display
//
// Round (half away from zero) is the only display rounding, and
// FormatPoints (two decimals), FormatPercent (one decimal) and FormatFigure
// (at most two decimals, trailing zeros dropped), all with thousands
// separators, are the only ways explanations show numbers:
//
//	专利申请量 完成 2,950 / 目标 3,200 = 92.2%，按比例得 9.22 分
//	Patent applications 2,950 / target 3,200 = 92.2%, proportional: 9.22 points
//
// # Missing data
//
// An item without a usable figure (no entry, Missing, no Actual; a target
// that is unset or not above 0 for the ratio rules; no baseline for Growth;
// no ratings) is never scored silently: MissingZero gives 0 and
// MissingExclude leaves it out and multiplies the unit's other items by
// ΣW / (ΣW − W excluded), both explained. No rule ever divides by zero.
//
// # Ranks, grades and the quota
//
// Units rank by total, higher first; equal totals by the points of the
// TieBreak items in turn, then by unit code, then by ID: ranks are distinct
// and never depend on input order. Grades go by the first band whose Min
// the total reaches (the last band takes the rest). A hard veto keeps a
// unit out of the top grade; TopQuota admits at most floor(quota × class
// size) units to it, in rank order, and the others with a top-grade total
// take the second grade. Each decision is explained in the unit's Notes.
//
// # Speed
//
// Score writes no item text: a province's class at four checkpoints is
// 800,000 item scores, and their sentences would cost more than the scores
// while ranking and what-if read none of them. The rules are called
// without interfaces so that an item's working state stays on the stack;
// the class's item results are one allocation; units, and the rankings of
// Rank items, are worked on in parallel. Explain writes a unit's sentences
// into two buffers and slices each explanation out of two strings.
package score
