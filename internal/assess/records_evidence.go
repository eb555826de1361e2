package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// MaxEvidence bounds one piece of evidence: 10 MB, as for a figure's
// (report.MaxAttachment); a scanned award or notice fits well inside it.
const MaxEvidence = 10 << 20

// Evidence is a file filed with a record: the honour's certificate, the
// notice of an incident.
type Evidence struct {
	ID          int64
	RecordID    int64
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	UploadedAt  time.Time
	UploadedBy  string
}

// KB is the size in kilobytes, for lists.
func (e Evidence) KB() float64 { return float64(e.Size) / 1024 }

// evidenceTypes are the documents offices exchange; scripts and HTML above
// all are refused, and every file is served back as a download.
var evidenceTypes = map[string]string{
	".pdf": "application/pdf", ".ofd": "application/ofd", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".doc": "application/msword",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xls": "application/vnd.ms-excel",
	".zip": "application/zip", ".txt": "text/plain; charset=utf-8",
}

// Attach files evidence with a record still waiting for approval: what was
// approved is never changed afterwards.
func (s *RecordStore) Attach(ctx context.Context, who audit.Actor, recordID int64, filename string, data []byte) (Evidence, error) {
	filename = strings.TrimSpace(path.Base(strings.ReplaceAll(filename, `\`, "/")))
	ctype, ok := evidenceTypes[strings.ToLower(path.Ext(filename))]
	switch {
	case filename == "" || filename == "." || path.Ext(filename) == "" || utf8.RuneCountInString(filename) > 200:
		return Evidence{}, i18n.Invalid("file", "record.err.file_name")
	case !ok:
		return Evidence{}, i18n.Invalid("file", "record.err.file_type", strings.TrimPrefix(path.Ext(filename), "."))
	case len(data) == 0 || len(data) > MaxEvidence:
		return Evidence{}, i18n.Invalid("file", "record.err.file_size", MaxEvidence>>20)
	}
	sum := sha256.Sum256(data)
	e := Evidence{RecordID: recordID, Filename: filename, ContentType: ctype, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), UploadedAt: s.now(), UploadedBy: who.Name}
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		if _, err := pendingRecord(ctx, tx, recordID); err != nil {
			return err
		}
		var err error
		e.ID, err = tx.Insert(ctx, `INSERT INTO assessment_evidence (record_id, filename, content_type, size, sha256, data, uploaded_at, uploaded_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, recordID, filename, ctype, e.Size, e.SHA256, data, e.UploadedAt, userRef(who))
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, who, "record.attach", "assessment_record", recordID, nil,
			map[string]any{"evidence": e.ID, "filename": filename, "size": e.Size, "sha256": e.SHA256})
	})
	return e, err
}

// Evidence lists a record's files, oldest first.
func (s *RecordStore) Evidence(ctx context.Context, recordID int64) ([]Evidence, error) {
	rows, err := s.db.Query(ctx, `SELECT e.id, e.record_id, e.filename, e.content_type, e.size, e.sha256, e.uploaded_at,
		COALESCE(u.display_name, '') FROM assessment_evidence e LEFT JOIN users u ON u.id = e.uploaded_by
		WHERE e.record_id = $1 ORDER BY e.id`, recordID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Evidence
	for rows.Next() {
		var e Evidence
		if err := rows.Scan(&e.ID, &e.RecordID, &e.Filename, &e.ContentType, &e.Size, &e.SHA256, &e.UploadedAt, &e.UploadedBy); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

// EvidenceData returns one file of a record with its bytes; a file of
// another record is db.ErrNotFound.
func (s *RecordStore) EvidenceData(ctx context.Context, recordID, id int64) (Evidence, []byte, error) {
	var e Evidence
	var data []byte
	err := s.db.QueryRow(ctx, `SELECT id, record_id, filename, content_type, size, sha256, uploaded_at, data
		FROM assessment_evidence WHERE id = $1 AND record_id = $2`, id, recordID).
		Scan(&e.ID, &e.RecordID, &e.Filename, &e.ContentType, &e.Size, &e.SHA256, &e.UploadedAt, &data)
	return e, data, err
}
