package web

// recordRoutes are the assessment's records: bonuses, deductions and vetoes
// with their evidence and approval, and the rating rounds and forms.
func (s *Server) recordRoutes() []route { return nil }
