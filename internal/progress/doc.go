// Package progress computes how an indicator stands against its plan during
// the year: the year-to-date figure, the 序时 (time-schedule) target for the
// same point of the year, the completion ratio in the indicator's direction,
// the status light, a year-end forecast with its early warning, and the
// roll-up of units and of plan nodes.
//
// Everything here is a pure function over plain values, so the dashboard,
// the briefing and the API give the same answer for the same figures, and a
// province can evaluate every assignment for a month in one pass.
//
// Numbers that cannot be trusted are never passed on: NaN and infinite
// inputs count as missing, and any result that is not finite comes back
// with ok=false instead.
//
// It imports nothing of gaoxin's own.
package progress
