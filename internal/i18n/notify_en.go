package i18n

// Messages of notifications (the notify package), merged into en.
var enNotify = map[string]string{
	"notify.kind.period.opened":     "Reporting period opened",
	"notify.kind.deadline.near":     "Reporting deadline near",
	"notify.kind.grid.returned":     "Figures returned",
	"notify.kind.task.red":          "Task turned red",
	"notify.kind.request.assigned":  "Request assigned to you",
	"notify.kind.results.published": "Assessment results published",
	"notify.hook.dingtalk":          "DingTalk",
	"notify.hook.wecom":             "WeCom",
	"notify.hook.feishu":            "Feishu",
	"notify.hook.generic":           "Generic JSON",
	"notify.tls.starttls":           "STARTTLS (usually port 587)",
	"notify.tls.tls":                "SSL/TLS (usually port 465)",
	"notify.tls.none":               "None (usually port 25, for a relay on the intranet only)",
	"notify.state.pending":          "Pending",
	"notify.state.delivered":        "Delivered",
	"notify.state.failed":           "Failed",
	"notify.channel.email":          "E-mail",
	"notify.channel.webhook":        "Chat robot",
	"notify.mail.open":              "Open: %s",
	"notify.mail.footer":            "Sent by gaoxin; please do not reply. Choose which e-mails you receive under Notification settings.",
	"notify.chat.open":              "Open",
	"notify.chat.footer":            "gaoxin notification · %s",
	"notify.test.title":             "gaoxin test message",
	"notify.test.body":              "If you read this, gaoxin can send notifications here.",
	"notify.err.email":              "“%s” is not a valid e-mail address, e.g. zhang.san@example.gov.cn.",
	"notify.err.kind":               "“%s” is not a kind of notification.",
	"notify.err.base_url":           "The address of gaoxin “%s” is not valid: it must start with http:// or https://, e.g. https://gaoxin.example.gov.cn.",
	"notify.err.smtp_host":          "The mail server “%s” is not valid: enter a host name or IP address, without the port.",
	"notify.err.smtp_port":          "Port %d is not valid: enter a number from 1 to 65535, or leave it empty for the usual port of the encryption.",
	"notify.err.smtp_tls":           "“%s” is not a kind of encryption: choose STARTTLS, SSL/TLS or none.",
	"notify.err.smtp_from":          "The sender “%s” is not valid: enter an e-mail address, e.g. noreply@example.gov.cn or Zone Office <noreply@example.gov.cn>.",
	"notify.err.smtp_plain_auth":    "With a user name and password, choose STARTTLS or SSL/TLS: a password may not travel in the clear to another machine.",
	"notify.err.mail_off":           "No mail server is configured yet: enter and save the mail settings first.",
	"notify.err.webhook_name":       "Enter the robot's name (at most 100 characters).",
	"notify.err.webhook_name_taken": "The name “%s” is used by another robot.",
	"notify.err.webhook_kind":       "“%s” is not a kind of robot: choose DingTalk, WeCom, Feishu or generic JSON.",
	"notify.err.webhook_url":        "The webhook address “%s” is not valid: it must start with http:// or https://.",
	"notify.err.wecom_secret":       "WeCom group robots do not sign messages: leave the secret empty.",
	"notify.err.secret":             "The secret is too long (at most 200 characters).",
	"notify.err.webhook_events":     "Choose at least one kind of notification to send.",
	"notify.err.unit":               "The unit chosen does not exist.",
}

func init() {
	for k, v := range enNotify {
		en[k] = v
	}
}
