package i18n

// Messages of notifications (the notify package), merged into zh.
var zhNotify = map[string]string{
	"notify.kind.period.opened":     "填报期开始",
	"notify.kind.deadline.near":     "填报即将截止",
	"notify.kind.grid.returned":     "报表被退回",
	"notify.kind.task.red":          "任务亮红灯",
	"notify.kind.request.assigned":  "有新的待办事项",
	"notify.kind.results.published": "考核结果发布",
	"notify.hook.dingtalk":          "钉钉",
	"notify.hook.wecom":             "企业微信",
	"notify.hook.feishu":            "飞书",
	"notify.hook.generic":           "通用 JSON",
	"notify.tls.starttls":           "STARTTLS（通常为 587 端口）",
	"notify.tls.tls":                "SSL/TLS（通常为 465 端口）",
	"notify.tls.none":               "不加密（通常为 25 端口，仅限内网中继）",
	"notify.state.pending":          "待发送",
	"notify.state.delivered":        "已送达",
	"notify.state.failed":           "发送失败",
	"notify.channel.email":          "电子邮件",
	"notify.channel.webhook":        "群机器人",
	"notify.mail.open":              "查看详情：%s",
	"notify.mail.footer":            "此邮件由 gaoxin 自动发送，请勿直接回复。可在“通知设置”中选择接收哪些邮件。",
	"notify.chat.open":              "查看详情",
	"notify.chat.footer":            "gaoxin 通知 · %s",
	"notify.test.title":             "gaoxin 测试消息",
	"notify.test.body":              "收到这条消息，说明 gaoxin 能够向这里发送通知。",
	"notify.err.email":              "“%s”不是有效的电子邮件地址，应如 zhang.san@example.gov.cn。",
	"notify.err.kind":               "“%s”不是可用的通知类型。",
	"notify.err.base_url":           "系统访问地址“%s”无效：应为以 http:// 或 https:// 开头的网址，如 https://gaoxin.example.gov.cn。",
	"notify.err.smtp_host":          "邮件服务器“%s”无效：请填写主机名或 IP 地址，不含端口。",
	"notify.err.smtp_port":          "端口 %d 无效：应为 1 至 65535 之间的整数，留空则按加密方式使用常用端口。",
	"notify.err.smtp_tls":           "“%s”不是可用的加密方式，应为 STARTTLS、SSL/TLS 或不加密。",
	"notify.err.smtp_from":          "发件人“%s”无效：应为电子邮件地址，如 noreply@example.gov.cn 或 高新区管委会 <noreply@example.gov.cn>。",
	"notify.err.smtp_plain_auth":    "填写了用户名和密码时须选择 STARTTLS 或 SSL/TLS，密码不能以明文发送到其他服务器。",
	"notify.err.mail_off":           "尚未配置邮件服务器，请先填写并保存邮件设置。",
	"notify.err.webhook_name":       "请填写机器人名称（最长 100 个字）。",
	"notify.err.webhook_name_taken": "名称“%s”已被另一个机器人使用。",
	"notify.err.webhook_kind":       "“%s”不是可用的机器人类型，应为钉钉、企业微信、飞书或通用 JSON。",
	"notify.err.webhook_url":        "Webhook 地址“%s”无效：应为以 http:// 或 https:// 开头的网址。",
	"notify.err.wecom_secret":       "企业微信群机器人不支持加签，请不要填写密钥。",
	"notify.err.secret":             "密钥过长（最多 200 个字符）。",
	"notify.err.webhook_events":     "请至少选择一种要推送的通知类型。",
	"notify.err.unit":               "找不到所选单位。",
}

func init() {
	for k, v := range zhNotify {
		zh[k] = v
	}
}
