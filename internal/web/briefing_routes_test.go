package web_test

import (
	"net/url"
	"testing"
)

// The briefing routes for every role, on the demo's published November
// briefing. Every role reads briefings (all have assess.view); publishing
// is the office's, and the row asks to publish December, which is not over
// on the demo's today: refused as bad input, so the row changes nothing.
func init() {
	moreRouteRows = append(moreRouteRows, func(t *testing.T, s *site) []routeRow {
		read := expect{toSignin, ok, ok, ok, ok, ok, ok}
		return []routeRow{
			{"GET /briefings", "/briefings", nil, read},
			{"GET /briefings/{year}/{month}", "/briefings/2019/11", nil, read},
			{"GET /briefings/{year}/{month}/briefing.xlsx", "/briefings/2019/11/briefing.xlsx", nil, read},
			{"POST /briefings/{year}/{month}/publish", "/briefings/2019/12/publish", func(string) url.Values { return url.Values{} },
				expect{toSignin, bad, bad, deny, deny, deny, deny}},
			{"GET /briefings/{year}/{month}/v/{version}", "/briefings/2019/11/v/1", nil, read},
			{"GET /briefings/{year}/{month}/v/{version}/briefing.xlsx", "/briefings/2019/11/v/1/briefing.xlsx", nil, read},
		}
	})
}
