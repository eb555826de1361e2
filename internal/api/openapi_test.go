package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"gaoxin/internal/api"
	"gaoxin/internal/db/dbtest"
)

// openAPI is the document as the API serves it.
func openAPI(t *testing.T) []byte {
	t.Helper()
	d := dbtest.SQLite(t)
	srv := httptest.NewServer(api.New(d, nil, slog.New(slog.NewTextHandler(io.Discard, nil))))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /api/v1/openapi.json: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	body, _ := io.ReadAll(res.Body)
	return body
}

// The served document is valid OpenAPI 3.1 by a real validator, and it
// describes exactly the routes the API has: each route has its path and
// method with a summary and its responses, and nothing is described that
// is not served.
func TestOpenAPIDocument(t *testing.T) {
	body := openAPI(t)
	doc, err := libopenapi.NewDocument(body)
	if err != nil {
		t.Fatal(err)
	}
	if doc.GetVersion() != "3.1.0" {
		t.Fatalf("OpenAPI %s, want 3.1.0", doc.GetVersion())
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("the validator cannot take the document: %v", errs)
	}
	if ok, problems := v.ValidateDocument(); !ok {
		for _, p := range problems {
			t.Errorf("openapi.json: %s: %s", p.Message, p.Reason)
			for _, se := range p.SchemaValidationErrors {
				t.Errorf("  at %s: %s", se.FieldPath, se.Reason)
			}
		}
	}

	// The validator is not a rubber stamp: an operation without responses
	// (required in 3.1) is refused.
	broken := strings.Replace(string(body), `"responses"`, `"responsez"`, 1)
	if bdoc, err := libopenapi.NewDocument([]byte(broken)); err == nil {
		if bv, _ := validator.NewValidator(bdoc); bv != nil {
			if ok, _ := bv.ValidateDocument(); ok {
				t.Error("a document with an operation without responses passed the validator")
			}
		}
	}

	var spec struct {
		Paths map[string]map[string]struct {
			Summary   string         `json:"summary"`
			Responses map[string]any `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(body, &spec); err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, ops := range spec.Paths {
		for method, op := range ops {
			route := strings.ToUpper(method) + " " + path
			described[route] = true
			if strings.TrimSpace(op.Summary) == "" || len(op.Responses) == 0 {
				t.Errorf("%s has no summary or no responses", route)
			}
		}
	}
	served := []string{}
	for route := range api.New(nil, nil, slog.Default()).Routes() {
		served = append(served, route)
		if !described[route] {
			t.Errorf("route %s is not described in openapi.json", route)
		}
	}
	for route := range described {
		if !slices.Contains(served, route) && route != "GET /api/v1/openapi.json" {
			t.Errorf("openapi.json describes %s, which the API does not serve", route)
		}
	}
}
