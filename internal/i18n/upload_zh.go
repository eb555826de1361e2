package i18n

// Messages of the bound on a request's size (upload.max_mb), merged into zh.
var zhUpload = map[string]string{
	"upload.too_large":         "文件过大：最大 %d MB，此文件 %s MB。请缩小文件或分批上传。",
	"upload.too_large_unsized": "文件过大：最大 %d MB。请缩小文件或分批上传。",
}

func init() {
	for k, v := range zhUpload {
		zh[k] = v
	}
}
