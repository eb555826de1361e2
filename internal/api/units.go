package api

import (
	"encoding/json"
	"net/http"

	"gaoxin/internal/auth"
	"gaoxin/internal/i18n"
	"gaoxin/internal/org"
)

type unitJSON struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Kind   string `json:"kind" jsonschema:"enum=zone,enum=department,enum=street,enum=park,enum=company,enum=other"`
	Class  string `json:"class" jsonschema_description:"assessment class, e.g. 经济发展类"`
	Parent string `json:"parent,omitempty" jsonschema_description:"code of the parent unit; left out for the top unit"`
	Order  int    `json:"order"`
	Active bool   `json:"active"`
}

type meJSON struct {
	Login       string `json:"login"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role" jsonschema_description:"role code, e.g. reporter, unit_head, office, leader, admin"`
	Unit        string `json:"unit" jsonschema_description:"code of the user's unit"`
	Lang        string `json:"lang"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request, u *auth.User) {
	writeJSON(w, http.StatusOK, meJSON{Login: u.Login, DisplayName: u.DisplayName, Role: string(u.Role),
		Unit: u.Unit.Code, Lang: string(u.Lang)})
}

// toJSON names each unit's parent by code; codes must hold every parent,
// including those above the caller's scope.
func toJSON(units []org.Unit, codes map[int64]string) []unitJSON {
	out := make([]unitJSON, 0, len(units))
	for _, u := range units {
		out = append(out, unitJSON{Code: u.Code, Name: u.Name, Kind: string(u.Kind), Class: u.Class,
			Parent: codes[u.ParentID], Order: u.Order, Active: u.Active})
	}
	return out
}

func (a *API) listUnits(w http.ResponseWriter, r *http.Request, u *auth.User) {
	units, err := a.units.Subtree(r.Context(), u.Unit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	codes := map[int64]string{}
	for _, unit := range units {
		codes[unit.ID] = unit.Code
	}
	if u.Unit.ParentID != 0 {
		parent, err := a.units.Get(r.Context(), u.Unit.ParentID)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		codes[parent.ID] = parent.Code
	}
	writeJSON(w, http.StatusOK, unitListJSON{Units: toJSON(units, codes)})
}

func (a *API) getUnit(w http.ResponseWriter, r *http.Request, u *auth.User) {
	unit, err := a.units.ByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if !auth.CanInUnit(u, auth.PermUnitsView, unit) {
		writeError(w, http.StatusForbidden, "forbidden", "the unit is outside your scope")
		return
	}
	codes := map[int64]string{}
	if unit.ParentID != 0 {
		parent, err := a.units.Get(r.Context(), unit.ParentID)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		codes[parent.ID] = parent.Code
	}
	out := toJSON([]org.Unit{unit}, codes)[0]
	writeJSON(w, http.StatusOK, out)
}

func (a *API) createUnit(w http.ResponseWriter, r *http.Request, u *auth.User) {
	var in unitIn
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_json", "the body is not a unit in JSON: "+err.Error())
		return
	}
	parent, err := a.units.ByCode(r.Context(), in.Parent)
	if err != nil || !parent.Within(u.Unit) {
		a.fail(w, r, i18n.Invalid("parent", "unit.err.parent_missing"))
		return
	}
	created, err := a.units.Create(r.Context(), actor(r), org.Fields{Code: in.Code, Name: in.Name,
		Kind: org.Kind(in.Kind), Class: in.Class, Order: in.Order}, parent.ID)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := toJSON([]org.Unit{created}, map[int64]string{parent.ID: parent.Code})[0]
	writeJSON(w, http.StatusCreated, out)
}
