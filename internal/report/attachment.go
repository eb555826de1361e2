package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// MaxAttachment bounds one piece of evidence; scans and spreadsheets of a
// month's figures fit well inside it.
const MaxAttachment = 10 << 20

// Attachment is a piece of evidence filed with a figure.
type Attachment struct {
	ID          int64
	FigureID    int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	UploadedAt  time.Time
	UploadedBy  string
}

// allowedTypes are the kinds of evidence offices exchange; anything else,
// scripts and HTML above all, is refused.
var allowedTypes = map[string]string{
	".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xls": "application/vnd.ms-excel",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".doc": "application/msword",
	".ofd": "application/ofd", ".zip": "application/zip", ".csv": "text/csv",
}

// Attach files evidence with a figure, which must exist (save the grid first).
func (s *Store) Attach(ctx context.Context, who audit.Actor, figureID int64, filename string, data []byte) (Attachment, error) {
	filename = strings.TrimSpace(filename)
	ext := strings.ToLower(filename[strings.LastIndexByte(filename, '.')+1:])
	ctype, ok := allowedTypes["."+ext]
	switch {
	case filename == "" || utf8.RuneCountInString(filename) > 200 || !strings.Contains(filename, "."):
		return Attachment{}, i18n.Invalid("file", "attachment.err.name")
	case !ok:
		return Attachment{}, i18n.Invalid("file", "attachment.err.type", ext)
	case len(data) == 0 || len(data) > MaxAttachment:
		return Attachment{}, i18n.Invalid("file", "attachment.err.size", MaxAttachment>>20)
	}
	sum := sha256.Sum256(data)
	a := Attachment{FigureID: figureID, Filename: filename, ContentType: ctype, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), UploadedAt: s.now(), UploadedBy: who.Name}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		a.ID, err = tx.Insert(ctx, `INSERT INTO attachments (figure_id, filename, content_type, size, sha256, data, uploaded_at, uploaded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, figureID, filename, ctype, a.Size, a.SHA256, data, a.UploadedAt, nullUser(who))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "figure.attach", "figure", figureID, nil,
			map[string]any{"attachment": a.ID, "filename": filename, "size": a.Size, "sha256": a.SHA256})
	})
	return a, err
}

// Attachments lists a figure's evidence, oldest first.
func (s *Store) Attachments(ctx context.Context, figureID int64) ([]Attachment, error) {
	rows, err := s.db.Query(ctx, `SELECT a.id, a.figure_id, a.filename, a.content_type, a.size, a.sha256, a.uploaded_at, COALESCE(u.display_name, '')
		FROM attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.figure_id = $1 ORDER BY a.id`, figureID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.FigureID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedAt, &a.UploadedBy); err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, rows.Err()
}

// AttachmentData returns one piece of evidence with its bytes.
func (s *Store) AttachmentData(ctx context.Context, id int64) (Attachment, []byte, error) {
	var a Attachment
	var data []byte
	err := s.db.QueryRow(ctx, `SELECT id, figure_id, filename, content_type, size, sha256, uploaded_at, data FROM attachments WHERE id = $1`, id).
		Scan(&a.ID, &a.FigureID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedAt, &data)
	return a, data, err
}

// FigureUnit is the unit a figure belongs to, for scope checks.
func (s *Store) FigureUnit(ctx context.Context, figureID int64) (int64, error) {
	var unit int64
	err := s.db.QueryRow(ctx, `SELECT a.unit_id FROM figures f JOIN assignments a ON a.id = f.assignment_id WHERE f.id = $1`, figureID).Scan(&unit)
	return unit, err
}

// KB is the size in kilobytes, for lists.
func (a Attachment) KB() float64 { return float64(a.Size) / 1024 }
