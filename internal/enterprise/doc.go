// Package enterprise owns the registry of enterprises a zone cultivates
// (企业培育): each firm keyed by its unified social credit code, checked
// against GB 32100-2015; the figures it reports for a year (revenue,
// employees, R&D spend, patents); and the tiers it holds, each with its
// dates — 高新技术企业 on a three-year certificate, 瞪羚企业, 隐形冠军 and
// its reserve pool, 制造业单项冠军, 规模以上, 主营业务收入过亿元 — kept when
// they end, so that a firm's tiers have a history. On top of these rows
// sit the views the seed names: firms large but not yet high-tech
// (规模高企化), high-tech but not yet large (高企规模化), the reserve pools,
// certificates expiring in a year. Plan indicators bound to the registry
// ("enterprise:granted hightech" for 新认定高新技术企业, "enterprise:holding
// gazelle" for 瞪羚企业) get their figures produced from these rows through
// report's Produce, in the transaction of every change, as the key
// projects' bound indicators do.
//
// It imports internal/db, internal/audit, internal/i18n, internal/org,
// internal/plan, internal/report and internal/xlsx.
package enterprise
