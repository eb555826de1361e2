package i18n

// Messages of the bound on a request's size (upload.max_mb), merged into en.
var enUpload = map[string]string{
	"upload.too_large":         "File too large: at most %d MB, this file is %s MB. Make it smaller or upload it in parts.",
	"upload.too_large_unsized": "File too large: at most %d MB. Make it smaller or upload it in parts.",
}

func init() {
	for k, v := range enUpload {
		en[k] = v
	}
}
