package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode"

	"github.com/invopop/jsonschema"
)

// The served OpenAPI document is openapi.json, which holds what only a
// person can write (paths, summaries, parameters, what each status
// means), completed with components.schemas reflected from the Go types
// the handlers encode and decode. A field added to a type is thereby
// described the moment it is served, and the API's tests validate every
// response they receive against the document, so a type and its
// description cannot drift apart.

// responseBodies are the types the API writes, by schema name.
var responseBodies = map[string]any{
	"Me":              meJSON{},
	"Unit":            unitJSON{},
	"UnitList":        unitListJSON{},
	"Indicators":      indicatorsJSON{},
	"ProjectList":     projectListJSON{},
	"ProjectDetail":   projectDetailJSON{},
	"ProjectReports":  projectReportsJSON{},
	"ReportsRefused":  reportsRefusedJSON{},
	"EnterpriseList":  enterpriseListJSON{},
	"EnterpriseOne":   enterpriseOneJSON{},
	"LeadList":        leadListJSON{},
	"LeadOne":         leadOneJSON{},
	"TaskList":        taskListJSON{},
	"TaskOne":         taskOneJSON{},
	"Task":            taskJSON{},
	"Figures":         monthFiguresJSON{},
	"FiguresRefused":  figuresRefusedJSON{},
	"Error":           apiError{},
	"ProjectRow":      projectRowJSON{},
	"ProjectTotals":   totalsJSON{},
	"ProjectFigures":  figuresJSON{},
	"Light":           lightJSON{},
	"UnitRef":         unitRefJSON{},
	"Firm":            firmJSON{},
	"Lead":            leadJSON{},
	"IndicatorStatus": indicatorJSON{},
}

// requestBodies are the types the API reads, by schema name. A field is
// required only where its tag says so: the decoders take what is left
// out as empty, and ignore what they do not know.
var requestBodies = map[string]any{
	"UnitIn":           unitIn{},
	"FiguresIn":        figuresIn{},
	"ReviewIn":         reviewIn{},
	"ProjectReportsIn": projectReportsIn{},
	"TaskIn":           taskIn{},
}

// document is the served OpenAPI document, built once at start.
var document = mustBuildDocument(openAPI)

func mustBuildDocument(paths []byte) []byte {
	doc, err := buildDocument(paths)
	if err != nil {
		panic("api: openapi.json: " + err.Error())
	}
	return doc
}

// buildDocument adds the reflected schemas to the hand-written document.
func buildDocument(paths []byte) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(paths, &doc); err != nil {
		return nil, err
	}
	components, _ := doc["components"].(map[string]any)
	if components == nil {
		return nil, fmt.Errorf("no components")
	}
	schemas := map[string]any{}
	if err := reflectInto(schemas, responseBodies, &jsonschema.Reflector{}); err != nil {
		return nil, err
	}
	requests := &jsonschema.Reflector{RequiredFromJSONSchemaTags: true, AllowAdditionalProperties: true}
	if err := reflectInto(schemas, requestBodies, requests); err != nil {
		return nil, err
	}
	components["schemas"] = schemas
	return json.MarshalIndent(doc, "", "  ")
}

// reflectInto reflects each type, and the named types they hold, into
// schemas, pointing their references at components.schemas.
func reflectInto(schemas map[string]any, types map[string]any, r *jsonschema.Reflector) error {
	names := map[reflect.Type]string{}
	for name, v := range types {
		names[reflect.TypeOf(v)] = name
	}
	r.Anonymous = true
	r.Namer = func(t reflect.Type) string {
		if name, ok := names[t]; ok {
			return name
		}
		return exportedName(t)
	}
	for _, v := range types {
		s := r.Reflect(v)
		raw, err := json.Marshal(s.Definitions)
		if err != nil {
			return err
		}
		raw = []byte(strings.ReplaceAll(string(raw), `"#/$defs/`, `"#/components/schemas/`))
		var defs map[string]any
		if err := json.Unmarshal(raw, &defs); err != nil {
			return err
		}
		for name, def := range defs {
			if prev, ok := schemas[name]; ok && !sameJSON(prev, def) {
				return fmt.Errorf("two types are named %s", name)
			}
			schemas[name] = def
		}
	}
	return nil
}

// exportedName names a type the registries do not: taskJSON is Task.
func exportedName(t reflect.Type) string {
	name := t.Name()
	if t.Kind() != reflect.Struct || name == "" {
		return ""
	}
	for _, suffix := range []string{"JSON", "JS"} {
		if trimmed, ok := strings.CutSuffix(name, suffix); ok && trimmed != "" {
			name = trimmed
			break
		}
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
