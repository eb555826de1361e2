package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"

	"github.com/xuri/excelize/v2"
)

// MaxUnzipped bounds what a workbook may hold once unzipped. A real 32 MB
// workbook unzips to a few hundred MB at most; a zip bomb of a few MB
// claims gigabytes, and is refused before anything is unzipped.
const MaxUnzipped = 512 << 20

// Open opens an uploaded workbook with the unzipped size bounded. Every
// reader of a user's workbook goes through it; name is for the refusal.
func Open(name string, body []byte) (*excelize.File, error) {
	if z, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err == nil {
		var total uint64
		for _, f := range z.File {
			total += f.UncompressedSize64
		}
		if total > MaxUnzipped {
			return nil, refusal(name, nil, "xlsx.err.unzipped_too_large", MaxUnzipped>>20)
		}
	}
	// The declared sizes may lie; excelize counts what it unzips too.
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{UnzipSizeLimit: MaxUnzipped})
	if err != nil {
		return nil, refusal(name, err, "xlsx.err.not_workbook")
	}
	return f, nil
}

// UnzippedTooLarge reports whether Open refused a workbook for what it
// would unzip to.
func UnzippedTooLarge(err error) bool {
	var rerr *ReadError
	return errors.As(err, &rerr) && rerr.Key == "xlsx.err.unzipped_too_large"
}
