package markdown

import (
	"strconv"
	"strings"
)

// pen is the part of the terminal's SGR state that decides whether a blank
// cell at the end of a line can be dropped without a visible change.
type pen struct {
	styled    bool // some attribute may differ from the default
	bg        bool
	reverse   bool
	underline bool
	strike    bool
	overline  bool
}

// showsSpace reports whether a space drawn with this pen is visible.
func (p pen) showsSpace() bool {
	return p.bg || p.reverse || p.underline || p.strike || p.overline
}

// apply updates the pen with the parameters of one SGR sequence.
func (p *pen) apply(params string) {
	if params == "" {
		*p = pen{}
		return
	}
	for params != "" {
		var field string
		field, params, _ = strings.Cut(params, ";")
		head, sub, hasSub := strings.Cut(field, ":")
		n, _ := strconv.Atoi(head)
		if n == 0 {
			*p = pen{}
			continue
		}
		p.styled = true
		switch {
		case n == 38 || n == 48 || n == 58:
			p.bg = p.bg || n == 48
			if !hasSub {
				params = skipExtendedColor(params)
			}
		case n == 4:
			p.underline = !hasSub || sub != "0"
		case n == 21:
			p.underline = true
		case n == 24:
			p.underline = false
		default:
			p.applySimple(n)
		}
	}
}

// applySimple handles the SGR parameters that take no arguments.
func (p *pen) applySimple(n int) {
	switch {
	case n == 7:
		p.reverse = true
	case n == 27:
		p.reverse = false
	case n == 9:
		p.strike = true
	case n == 29:
		p.strike = false
	case n == 53:
		p.overline = true
	case n == 55:
		p.overline = false
	case n >= 40 && n <= 47, n >= 100 && n <= 107:
		p.bg = true
	case n == 49:
		p.bg = false
	}
}

// skipExtendedColor returns the parameters after those that belong to a
// 38/48/58 colour written with semicolons: "5;n" or "2;r;g;b".
func skipExtendedColor(params string) string {
	n := 0
	switch {
	case strings.HasPrefix(params, "5;") || params == "5":
		n = 2
	case strings.HasPrefix(params, "2;") || params == "2":
		n = 4
	}
	for ; n > 0 && params != ""; n-- {
		_, params, _ = strings.Cut(params, ";")
	}
	return params
}
