package web

import "gaoxin/internal/auth"

// recordRoutes are the assessment's records: bonuses, deductions and vetoes
// with their evidence and approval, and the rating rounds and forms. Routes
// that several roles share carry the widest permission; their handlers
// decide by role and unit scope.
func (s *Server) recordRoutes() []route {
	return []route{
		{"GET /assess/{year}/records", auth.PermAssessView, s.recordsPage},
		{"POST /assess/{year}/records", auth.PermAssessView, s.createRecord},
		{"GET /assess/{year}/records/{id}", auth.PermAssessView, s.recordPage},
		{"POST /assess/{year}/records/{id}", auth.PermAssessView, s.updateRecord},
		{"POST /assess/{year}/records/{id}/evidence", auth.PermAssessView, s.attachRecordEvidence},
		{"GET /assess/{year}/records/{id}/evidence/{file}", auth.PermAssessView, s.recordEvidence},
		{"POST /assess/{year}/records/{id}/approve", auth.PermAssessApprove, s.approveRecord},
		{"POST /assess/{year}/records/{id}/reject", auth.PermAssessApprove, s.rejectRecord},
		{"POST /assess/{year}/records/{id}/revoke", auth.PermAssessManage, s.revokeRecord},

		{"GET /assess/{year}/ratings", auth.PermAssessView, s.ratingsPage},
		{"POST /assess/{year}/ratings", auth.PermAssessManage, s.openRound},
		{"GET /assess/{year}/ratings/{round}", auth.PermAssessView, s.roundPage},
		{"POST /assess/{year}/ratings/{round}", auth.PermAssessRate, s.saveRatingForm},
		{"POST /assess/{year}/ratings/{round}/invite", auth.PermAssessManage, s.inviteRater},
		{"POST /assess/{year}/ratings/{round}/close", auth.PermAssessManage, s.closeRound},
	}
}
