package web

import "html/template"

// templateFuncs are the template helpers.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"unitURL": unitURL,
		"plus":    func(a, b int) int { return a + b },
	}
}
