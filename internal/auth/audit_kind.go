package auth

import (
	"context"
	"encoding/json"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
)

// userView is a user as the trail states them: who they are and what they
// may do where. The password hash, and whatever else is secret, never
// enters the trail; the language and the notification preferences are a
// user's own choice and change nothing they may do.
type userView struct {
	Active      bool   `json:"active"`
	DisplayName string `json:"display_name"`
	Login       string `json:"login"`
	Role        Role   `json:"role"`
	UnitID      int64  `json:"unit_id"`
}

const userViewColumns = "id, active, display_name, login, role, unit_id"

func scanUserView(r scanner) (int64, userView, error) {
	var id int64
	var v userView
	var role string
	err := r.Scan(&id, &v.Active, &v.DisplayName, &v.Login, &role, &v.UnitID)
	v.Role = Role(role)
	return id, v, err
}

// userState reads a user as the trail states them, inside the change's
// transaction: every change of a user that the trail states records the
// whole user as it stands after it.
func userState(ctx context.Context, q db.Querier, id int64) (userView, error) {
	_, v, err := scanUserView(q.QueryRow(ctx, "SELECT "+userViewColumns+" FROM users WHERE id = $1", id))
	return v, err
}

// userNotStated are the actions on a user whose after-state is not the
// user: a sign-in or sign-out (nothing, or for a failed sign-in not even
// the user's id), a password (only whether it must be changed), a
// language, notification preferences.
var userNotStated = []string{
	"session.signin", "session.signin_failed", "session.signout",
	"user.password_change", "user.password_reset", "user.lang", "notify.prefs.set",
}

// UserKind holds the users table against the trail, so that an account
// given another role or unit, enabled or added in the database is named.
func UserKind() audit.Kind {
	return audit.Kind{
		Entity: "user",
		Except: userNotStated,
		State:  userStated,
		Live:   liveUsers,
		Names:  userNames,
	}
}

// userStated decodes an entry's account as StateOf does, but for one
// thing: the creations recorded before accounts were recorded whole leave
// "active" out, and an account is always created active.
func userStated(after json.RawMessage) ([]byte, error) {
	v := userView{Active: true}
	if err := json.Unmarshal(after, &v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

func liveUsers(ctx context.Context, q db.Querier, each func(string, []byte) error) error {
	return audit.EachRow(ctx, q, "SELECT "+userViewColumns+" FROM users ORDER BY id", func(r audit.Scanner) (int64, []byte, error) {
		id, v, err := scanUserView(r)
		return id, audit.Encode(v), err
	}, each)
}

// userNames names users by their logins.
func userNames(ctx context.Context, q db.Querier, ids []string) (map[string]string, error) {
	return audit.NamesByID(ctx, q, ids, "SELECT id, login FROM users WHERE id IN (%s)", audit.ScanName)
}
