// Package quantity reads and writes figures the way Chinese offices write
// them: "1,204", "１２０４", "3.5亿元", "2000万元", "92%". Parse turns such
// text into a number in an indicator's unit of measure, refusing anything
// that would need a guess (约30, 30-40, —); Format writes a number back with
// thousands separators.
//
// It imports only i18n, for the error it returns.
package quantity
