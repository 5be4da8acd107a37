package simweb

import (
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// toCP1258 encodes UTF-8 text as windows-1258, the way Vietnamese Windows
// software writes it: letters with a circumflex, breve or horn stay
// precomposed (â ê ô ă ơ ư), tone marks become combining characters.
// Characters windows-1258 cannot hold become "?".
func toCP1258(s string) []byte {
	d := []rune(norm.NFD.String(s))
	out := make([]rune, 0, len(d))
	for i := 0; i < len(d); i++ {
		r := d[i]
		// Collect the combining marks that follow r.
		j := i + 1
		for j < len(d) && isMark(d[j]) {
			j++
		}
		marks := d[i+1 : j]
		var tones []rune
		for _, m := range marks {
			if c, ok := compose1258(r, m); ok {
				r = c
				continue
			}
			tones = append(tones, m)
		}
		out = append(out, r)
		out = append(out, tones...)
		i = j - 1
	}
	b := make([]byte, 0, len(out))
	for _, r := range out {
		e, ok := charmap.Windows1258.EncodeRune(r)
		if !ok {
			e = '?'
		}
		b = append(b, e)
	}
	return b
}

func isMark(r rune) bool { return r >= 0x300 && r <= 0x36F }

// compose1258 joins a base letter and a circumflex, breve or horn into the
// precomposed letter windows-1258 has.
func compose1258(base, mark rune) (rune, bool) {
	switch mark {
	case 0x302: // circumflex
		switch base {
		case 'a':
			return 'â', true
		case 'A':
			return 'Â', true
		case 'e':
			return 'ê', true
		case 'E':
			return 'Ê', true
		case 'o':
			return 'ô', true
		case 'O':
			return 'Ô', true
		}
	case 0x306: // breve
		switch base {
		case 'a':
			return 'ă', true
		case 'A':
			return 'Ă', true
		}
	case 0x31B: // horn
		switch base {
		case 'o':
			return 'ơ', true
		case 'O':
			return 'Ơ', true
		case 'u':
			return 'ư', true
		case 'U':
			return 'Ư', true
		}
	}
	return 0, false
}
