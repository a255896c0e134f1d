package coder

// holdForms say who holds a captive: "hostages held by the Taliban",
// "Americans detained by Iran".
var holdForms = wordClass("hold-forms")

// holder finds, before the passive release verb of t, who held the
// released: "Two hostages — an American and an Australian — who had been
// held by the Taliban were released" was the Taliban's release of the
// American and the Australian. It returns the holder and the held, either
// nil when the sentence does not name them.
func (w *work) holder(t *trigger) (by, held []unit) {
	for k := 0; k+2 < t.cl.start; k++ {
		if !holdForms[w.word(k)] || w.word(k+1) != "by" {
			continue
		}
		p := w.objectAt(k + 2)
		if p == 0 || w.phrases[p-1].isPlace() || w.phrases[p-1].start >= t.cl.start {
			continue
		}
		by = w.phrases[p-1].units
		j := k - 1
		for j >= 0 && heldGlue[w.word(j)] {
			j--
		}
		if j >= 0 && w.endOf[j] != 0 {
			// Captives whose country is only guessed from the sentence
			// ("sailors held by the Houthis") stay unnamed.
			for _, u := range w.phrases[w.endOf[j]-1].units {
				if !u.guessed {
					held = append(held, u)
				}
			}
		}
		return by, held
	}
	return nil, nil
}

// heldGlue may stand between the held and "held by": "an American and an
// Australian — who had been held by".
var heldGlue = wordClass("held-glue")

// allGuessed reports whether every unit's country is a guess from the
// sentence.
func allGuessed(us []unit) bool {
	for _, u := range us {
		if !u.guessed {
			return false
		}
	}
	return len(us) > 0
}
