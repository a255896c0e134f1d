package coder

// control is what a verb that takes an infinitive ("agreed to lift",
// "threatened to strike", "refused to meet") does to the event of that
// infinitive.
type control uint8

const (
	ctlNone    control = iota
	ctlActual          // "agreed to", "decided to", "began to": the act itself
	ctlIntent          // "pledged to", "wants to", "plans to": intent for cooperation, else hypothetical
	ctlThreat          // "threatened to": a threat of the act
	ctlRefuse          // "refused to", "failed to": the act negated
	ctlMaybe           // "is expected to", "tried to": hypothetical
	ctlPromise         // "vowed to", "pledged to": intent, or a threat of force
	ctlAgree           // "agreed to": intent where cooperation has one ("agreed to meet" is 036), else the act
)

// controlForms maps every form of each verb that takes an infinitive to
// what it does; beControls the words after "be" that do ("is set to").
// Both come from grammar/words.txt.
var (
	controlForms = controls("control-", verbClass)
	beControls   = controls("be-control-", wordClass)
)

// controls reads the classes prefix+"actual", prefix+"intent"... of the
// grammar file into one map, through words (verbClass inflects).
func controls(prefix string, words func(string) map[string]bool) map[string]control {
	m := map[string]control{}
	for _, c := range []struct {
		name string
		ctl  control
	}{
		{"actual", ctlActual}, {"intent", ctlIntent}, {"threat", ctlThreat}, {"refuse", ctlRefuse},
		{"maybe", ctlMaybe}, {"promise", ctlPromise}, {"agree", ctlAgree},
	} {
		if _, ok := grammarWords[prefix+c.name]; !ok {
			continue
		}
		for w := range words(prefix + c.name) {
			m[w] = c.ctl
		}
	}
	return m
}

// intentCode returns the CAMEO "express intent" code (03x) for an act of
// cooperation, and false for an act that has none (conflict, investigation).
func intentCode(code string) (string, bool) {
	if len(code) < 2 {
		return "", false
	}
	switch code[:2] {
	case "01", "02", "03":
		return code, true
	case "04":
		return "036", true
	case "05":
		return "032", true
	case "06":
		if len(code) >= 3 && code[2] >= '1' && code[2] <= '4' {
			return "031" + code[2:3], true
		}
		return "031", true
	case "07":
		if len(code) >= 3 && code[2] >= '1' && code[2] <= '4' {
			return "033" + code[2:3], true
		}
		return "033", true
	case "08":
		switch {
		case code == "081" || len(code) == 4 && code[:3] == "081":
			return "0351", true
		case code == "082":
			return "0352", true
		case code == "083" || len(code) == 4 && code[:3] == "083":
			return "034", true
		case code == "084" || len(code) == 4 && code[:3] == "084":
			return "0353", true
		case code == "085":
			return "0354", true
		case code == "086" || len(code) == 4 && code[:3] == "086":
			return "0355", true
		case code == "087" || len(code) == 4 && code[:3] == "087":
			return "0356", true
		}
		return "035", true
	}
	return "", false
}

// refusalCode returns the CAMEO rejection (12x) of refusing an act of
// cooperation or concession: "refused to release" is 1243, "will not
// meet" 125. Acts of conflict have none: a refused attack is no event.
func refusalCode(code string) (string, bool) {
	if len(code) < 3 {
		return "", false
	}
	switch {
	case code[:3] == "039" || code[:3] == "045":
		return "126", true
	case code[:2] == "04" || code[:3] == "036" || code[:3] == "046":
		return "125", true
	case code[:3] == "057":
		return "127", true
	case code[:3] == "061":
		return "1211", true
	case code[:3] == "062" || code[:3] == "064":
		return "1212", true
	case code[:2] == "06":
		return "121", true
	case code[:3] == "071":
		return "1221", true
	case code[:3] == "072":
		return "1222", true
	case code[:3] == "073":
		return "1223", true
	case code[:3] == "074":
		return "1224", true
	case code[:2] == "07":
		return "122", true
	case code[:3] == "081":
		return "1241", true
	case code[:3] == "082":
		return "1242", true
	case code[:3] == "084":
		return "1243", true
	case code[:3] == "085":
		return "1244", true
	case code[:3] == "086":
		return "1245", true
	case code[:3] == "087":
		return "1246", true
	case code[:2] == "08":
		return "124", true
	}
	return "", false
}

// askCode returns the appeal (02x) or demand (10x) for an act of
// cooperation or concession: an appeal to meet is 026, to settle 027, to
// mediate 028, for aid 023x, for a release 0253; a demand for a release
// 1053. ask is "020" or "100"; acts of conflict have none.
func askCode(ask, act string) (string, bool) {
	if len(act) < 3 {
		return "", false
	}
	appeal := ask == "020"
	pick := func(a, d string) (string, bool) {
		if appeal {
			return a, a != ""
		}
		return d, d != ""
	}
	switch {
	case act[:3] == "039" || act[:3] == "045":
		return pick("028", "")
	case act[:3] == "057" || act[:3] == "037":
		return pick("027", "")
	case act[:2] == "04" || act[:3] == "036" || act[:3] == "046":
		return pick("026", "108")
	case act[:2] == "05":
		return pick("022", "102")
	case act[:2] == "06":
		return pick("021", "101")
	case act[:3] == "071":
		return pick("0231", "1031")
	case act[:3] == "072":
		return pick("0232", "1032")
	case act[:3] == "073":
		return pick("0233", "1033")
	case act[:3] == "074":
		return pick("0234", "1034")
	case act[:2] == "07":
		return pick("023", "103")
	case act[:3] == "081":
		return pick("0251", "1051")
	case act[:3] == "082":
		return pick("0252", "1052")
	case act[:3] == "084":
		return pick("0253", "1053")
	case act[:3] == "085":
		return pick("0254", "1054")
	case act[:3] == "086":
		return pick("0255", "1055")
	case act == "0874":
		return pick("0256", "106")
	case act == "0871":
		return pick("0256", "107")
	case act[:3] == "087":
		return pick("0256", "1056")
	case act[:2] == "08":
		return pick("025", "105")
	}
	return "", false
}

// threatCode returns the CAMEO threat (13x) of an act: "threatened to
// strike" is 1384, not an air strike.
func threatCode(code string) string {
	if len(code) < 3 {
		return "130"
	}
	switch {
	case code == "191":
		return "1381"
	case code == "192":
		return "1382"
	case code[:2] == "18" || code[:3] == "200" || code[:3] == "201" || code[:3] == "202" || code[:3] == "203":
		return "1383"
	case code[:2] == "19":
		return "1384"
	case code[:3] == "204":
		return "1385"
	case code == "161":
		return "1313"
	case code[:3] == "162":
		return "1311"
	case code == "163":
		return "1312"
	case code == "164":
		return "134"
	case code == "165":
		return "135"
	case code == "166" || len(code) == 4 && code[:3] == "166":
		return "136"
	case code[:2] == "16":
		return "131"
	case code[:2] == "17" || code[:2] == "15":
		return "137"
	case code[:2] == "14":
		return "133"
	}
	return "130"
}
