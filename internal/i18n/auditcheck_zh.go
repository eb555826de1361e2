package i18n

// Messages of the audit trail's verification and anchors, merged into zh.
var zhAuditCheck = map[string]string{
	"audit.alarm":               "审计核验未通过（%s）：%d 处数据与审计链不符，可能被绕过系统改动。",
	"audit.alarm_link":          "查看并处理",
	"audit.check.title":         "审计链核验",
	"audit.check.hint":          "核验逐条检查审计链的密钥哈希，并把填报数据、目标、分解、单位、用户角色、考核记录、评议、方案和已发布结果逐条与审计链所记的状态比对。",
	"audit.check.never":         "尚未核验过。",
	"audit.check.sound":         "%s 由 %s 核验：审计链完整（%d 条），%d 条记录全部与之相符。",
	"audit.check.failed":        "%s 由 %s 核验：发现 %d 处问题（审计链 %d 条，比对记录 %d 条）。",
	"audit.check.resolved":      "已处理。",
	"audit.check.run":           "立即核验",
	"audit.check.resolve":       "标记为已处理",
	"audit.check.reason":        "处理说明",
	"audit.err.reason":          "请写明如何处理（已恢复数据或经核实接受）。",
	"audit.anchor.title":        "审计链锚点",
	"audit.anchor.hint":         "把锚点抄录在纸上或发到工作群保存；日后用 gaoxin audit verify --anchor 锚点 可证明此前的审计链未被改写，即使改写者持有密钥。",
	"audit.anchor.send":         "发送到工作群",
	"audit.anchor.published":    "审计链锚点：%s",
	"done.audit_verified":       "核验已完成，结果见下。",
	"done.audit_resolved":       "已标记为处理完毕。",
	"done.audit_anchor_sent":    "锚点已发送。",
	"notify.kind.audit.anchor":  "审计链锚点",
	"notify.audit_anchor.title": "审计链锚点",
	"notify.audit_anchor.body":  "当前审计链锚点：%s。请保存，用于日后核验审计记录未被改写。",
	"action.audit.key_init":     "审计链启用密钥",
	"action.audit.key_ready":    "创建审计密钥",
	"action.audit.key_rotate":   "更换审计密钥",
	"action.audit.baseline":     "审计基线",
	"action.audit.resolve":      "处理核验问题",
}

func init() {
	for k, v := range zhAuditCheck {
		zh[k] = v
	}
}
