package i18n

// Messages of the file reader shared by every import (CSV and Excel),
// merged into zh. Each names the file; those with a place give the row,
// the column's number and the column's letter as Excel shows it.
var zhXlsx = map[string]string{
	"xlsx.err.read":               "%s：文件内容无法读取，请确认文件完好后重新上传。",
	"xlsx.err.too_large":          "%s：文件超过 %d MB，请拆分成几个文件分别上传。",
	"xlsx.err.xls":                "%s：这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 或 CSV 后再上传。",
	"xlsx.err.type":               "%s：不能读取这种文件，请上传 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。",
	"xlsx.err.encoding_name":      "%s：不认识编码“%s”，可选 auto、utf-8、gb18030 或 windows-1252。",
	"xlsx.err.not_utf8":           "%s：第 %d 行第 %d 列（%s 列）有不是 UTF-8 的字节，但文件已指定按 UTF-8 读取。如果文件是 GB18030（GBK）编码，请按 GB18030 读取；否则请重新另存为 UTF-8（在 Excel 中选“CSV UTF-8（逗号分隔）”）。",
	"xlsx.err.utf8_damaged":       "%s：第 %d 行第 %d 列（%s 列）有损坏的字节。文件看来是 UTF-8 编码，但其中有字节已损坏（例如文件被截断），按其他编码读取只会是乱码。请用原来的软件重新另存为 UTF-8（在 Excel 中选“CSV UTF-8（逗号分隔）”）后再上传。",
	"xlsx.err.unknown_encoding":   "%s：第 %d 行第 %d 列（%s 列）的字节既不是 UTF-8 也不是 GB18030（GBK）编码，无法判断文件的编码。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传。",
	"xlsx.err.decode":             "%s：无法按 %s 编码读取文本，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传。",
	"xlsx.err.csv_broken":         "%s：不是规范的 CSV 文件，请在 Excel 中另存为 CSV 或 .xlsx 后再上传。",
	"xlsx.err.csv_bare_quote":     "%s：第 %d 行第 %d 列（%s 列）的单元格中有英文双引号（\"），但单元格没有用双引号括起来。含双引号的单元格应整个用双引号括起，里面的每个双引号写两遍（Excel 另存的 CSV 就是这样）；也可以直接上传 .xlsx。",
	"xlsx.err.csv_quote":          "%s：第 %d 行第 %d 列（%s 列）的单元格引号不配对：用双引号括起的内容在结束引号后还有文字，或者引号没有结束。请检查这个单元格，或在 Excel 中另存为 CSV 或 .xlsx 后再上传。",
	"xlsx.err.csv_at":             "%s：第 %d 行第 %d 列（%s 列）不符合 CSV 格式，请在 Excel 中另存为 CSV 或 .xlsx 后再上传。",
	"xlsx.err.old_or_locked":      "%s：这是设了打开密码的工作簿，或是旧版 Excel 文件（.xls）。请在 Excel 中去掉密码并另存为 .xlsx 后再上传。",
	"xlsx.err.unzipped_too_large": "%s：解压后超过 %d MB，不像是正常的工作簿（可能是压缩炸弹），未读取。请删去多余的工作表或另存为 CSV 后再上传。",
	"xlsx.err.not_workbook":       "%s：不是可读取的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 或 CSV 后再上传。",
	"xlsx.err.sheet":              "%s：工作表“%s”无法读取，文件可能已损坏。请用 Excel 打开后另存为 .xlsx 再上传。",
	"xlsx.err.empty":              "%s：文件是空的。第一行应是表头（各列的名称），下面每行一条记录。",
}

func init() {
	for k, v := range zhXlsx {
		zh[k] = v
	}
}
