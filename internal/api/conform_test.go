package api_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"

	"gaoxin/internal/api"
)

// The API's tests hold every exchange they make to the served document:
// the response — its status and its body — must be what it says the route
// answers, and a request the API accepted must be one the document allows
// (the tests send bad requests on purpose, which the API refuses). The schemas are reflected from the handlers' types, so this
// catches a hand-written part (a status, a path) that no longer tells the
// truth, and a type whose tags describe something else than it encodes.

var (
	documentOnce sync.Once
	documentV    validator.Validator
	documentErr  error
)

func documentValidator() (validator.Validator, error) {
	documentOnce.Do(func() {
		srv := httptest.NewServer(api.New(nil, nil, slog.Default()))
		defer srv.Close()
		res, err := http.Get(srv.URL + "/api/v1/openapi.json")
		if err != nil {
			documentErr = err
			return
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		doc, err := libopenapi.NewDocument(body)
		if err != nil {
			documentErr = err
			return
		}
		v, errs := validator.NewValidator(doc)
		if len(errs) > 0 {
			documentErr = errs[0]
			return
		}
		documentV = v
	})
	return documentV, documentErr
}

// conforms checks one exchange against the document; body is the
// response's body, already read.
func conforms(t *testing.T, req *http.Request, res *http.Response, body []byte) {
	t.Helper()
	v, err := documentValidator()
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	copied := *res
	copied.Body = io.NopCloser(bytes.NewReader(body))
	copied.Request = req
	check := v.ValidateHttpResponse
	if res.StatusCode < 300 {
		check = v.ValidateHttpRequestResponse
	}
	if ok, problems := check(req, &copied); !ok {
		for _, p := range problems {
			t.Errorf("%s %s → %d does not conform to openapi.json: %s: %s", req.Method, req.URL.Path, res.StatusCode, p.Message, p.Reason)
			for _, se := range p.SchemaValidationErrors {
				t.Errorf("  at %s: %s", se.FieldPath, se.Reason)
			}
		}
	}
}

// The check is not a rubber stamp: bodies that break the reflected
// schemas — a field of the wrong type, a null where none may be, a field
// the type does not have, a required one missing, a status the document
// does not list — are each refused.
func TestConformanceRefusesDrift(t *testing.T) {
	v, err := documentValidator()
	if err != nil {
		t.Fatal(err)
	}
	good := `{"login":"kaohe","display_name":"考核办","role":"office","unit":"GXQ","lang":"zh"}`
	cases := map[string]struct {
		status int
		body   string
	}{
		"conforming":       {200, good},
		"wrong type":       {200, `{"login":1,"display_name":"考核办","role":"office","unit":"GXQ","lang":"zh"}`},
		"null not allowed": {200, `{"login":null,"display_name":"考核办","role":"office","unit":"GXQ","lang":"zh"}`},
		"unknown field":    {200, `{"login":"kaohe","display_name":"考核办","role":"office","unit":"GXQ","lang":"zh","password":"x"}`},
		"missing field":    {200, `{"login":"kaohe","role":"office","unit":"GXQ","lang":"zh"}`},
		"undescribed 418":  {http.StatusTeapot, good},
	}
	for name, c := range cases {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/me", nil)
		req.Header.Set("Authorization", "Bearer x")
		res := &http.Response{StatusCode: c.status, Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}},
			Body: io.NopCloser(strings.NewReader(c.body)), Request: req}
		ok, _ := v.ValidateHttpResponse(req, res)
		if ok != (name == "conforming") {
			t.Errorf("%s: conforms %v", name, ok)
		}
	}
}
