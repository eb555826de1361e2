// Package attract owns investment and talent attraction (双招双引): the
// leads an office works — companies, talents and teams — from the first
// contact through 在谈, 签约, 拟开工 and 到资 to 竣工投产, each move dated
// with who made it and why, and the visits and meetings logged against
// them. A lead carries its channel (以商招商, 园区招商, 资本招商, 中介招商
// with the partner agency), its flags (世界500强, 中国500强, 行业领军), its
// expected and arrived investment and the unit and person who own it.
//
// Deadlines for the first response and the assessment (研判) come from
// settings and flag the leads that missed them. A signed lead becomes a
// key project of internal/project in one step, without retyping; the lead
// keeps the project's id, so each side finds the other. The year's reward
// policy (重奖) is a YAML file like the assessment scheme; Rewards applies
// it to the leads and explains every amount. Plan indicators bound to the
// leads ("attract:signed" for 签约引进项目) get their figures produced from
// the rows through report's Produce, as the key projects' do.
//
// It imports internal/db, internal/audit, internal/i18n,
// internal/plan, internal/project, internal/report, internal/settings and
// internal/xlsx.
package attract
