package coder

// set builds a set of words.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Word classes the coder reads the structure of a clause with. They are
// closed classes of English (auxiliaries, determiners, prepositions) plus
// the few open-class words whose role in a clause is fixed (speech verbs,
// time words); everything domain-specific lives in the dictionaries.
var (
	determiners = set("the", "a", "an", "its", "their", "his", "her", "our", "this", "these", "those",
		"some", "several", "many", "all", "both", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "dozens", "hundreds", "thousands", "more", "than", "over", "about", "nearly",
		"at", "least", "other", "fellow", "most", "any", "each", "another", "such", "whose")
	// modifiers are adjectives that may stand before an actor's noun.
	modifiers = set("senior", "top", "former", "local", "foreign", "neighbouring", "neighboring", "rival",
		"small", "smaller", "key", "exiled", "armed", "unarmed", "innocent", "peaceful", "suspected",
		"alleged", "western", "regional", "visiting", "captured", "detained", "jailed", "high-ranking",
		"hardline", "pro-government", "anti-government", "pro-democracy", "opposition", "main", "new",
		"young", "unidentified", "unknown", "masked", "hundred", "thousand", "million", "some", "dozen",
		"few", "jihadist", "islamist", "islamic", "sunni", "shiite", "shia", "kurdish", "ethnic", "civilian",
		"government", "state", "federal", "national", "central", "ruling", "military", "defence", "defense", "allied",
		"coalition", "joint", "separatist", "radical", "moderate", "powerful", "influential", "veteran", "elite",
		"southern", "northern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern", "south", "north", "east", "west", "occupied", "disputed", "besieged",
		"interim", "caretaker", "transitional", "provisional", "acting", "incoming", "outgoing", "de", "facto")
	prepositions = set("with", "to", "on", "against", "in", "at", "from", "for", "of", "between", "into",
		"by", "about", "over", "upon", "toward", "towards", "near", "along", "off", "through", "outside", "as")
	beForms   = set("is", "are", "was", "were", "be", "been", "being", "'re", "am")
	haveForms = set("has", "have", "had", "having", "'ve", "'d")
	doForms   = set("did", "does", "do")
	// hypotheticalModals make a clause hypothetical; "will" and "would" are
	// read as intent instead (see intent.go).
	hypotheticalModals = set("could", "may", "might", "can", "should", "must", "shall", "ought", "cannot")
	futureModals       = set("will", "would", "'ll", "wo")
	negations          = set("not", "n't", "never", "no", "neither", "nor")
	adverbs            = set("also", "again", "still", "already", "now", "then", "once", "first", "later",
		"earlier", "recently", "jointly", "reportedly", "allegedly", "formally", "officially", "even",
		"just", "repeatedly", "previously", "subsequently", "immediately", "swiftly", "quickly", "further",
		"yesterday", "today", "tonight", "overnight", "late", "early", "ever", "long", "since", "finally",
		"twice", "publicly", "openly", "reluctantly", "soon", "separately", "directly", "indirectly",
		"meanwhile", "however", "thus", "therefore", "nonetheless", "nevertheless", "instead", "likewise", "meantime")
	timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"morning", "afternoon", "evening", "night", "week", "month", "year", "weekend", "last", "this",
		"on", "day", "days", "ago", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
		"oct", "nov", "dec", "january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "next", "early", "late")
	// speechVerbs introduce reported speech: a pronoun subject after them
	// is their own subject ("Israel said it would free ...").
	speechVerbs = set("said", "says", "say", "announced", "announces", "stated", "states", "added",
		"declared", "declares", "claimed", "claims", "insisted", "insists", "confirmed", "confirms",
		"told", "tells", "warned", "warns", "vowed", "vows", "pledged", "pledges", "promised", "promises",
		"indicated", "signalled", "signaled", "noted", "acknowledged", "revealed", "reported", "hinted",
		"decided", "decides", "agreed", "agrees", "explained", "suggested", "argued", "maintained", "asserted")
	pronouns = set("it", "they", "he", "she")
	// quantities may take "of" inside a pattern's gap: "fired dozens of
	// rockets".
	quantities = set("dozens", "hundreds", "thousands", "scores", "millions", "billions", "barrage", "volley", "salvo", "round", "rounds", "number", "couple", "series", "wave",
		"more", "some", "many", "several", "most", "all", "each", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
	// collectives name an actor as a body: "the ELN rebel group".
	collectives = set("group", "groups", "movement", "faction", "factions", "organization", "organisation",
		"network", "wing", "alliance", "coalition", "units", "unit", "members")
	hypothetical = set("if", "unless", "whether", "lest")
	// commentators are subjects whose statements are commentary, not
	// events ("Analysts say ...", "observers caution ...").
	commentators = set("analysts", "analyst", "observers", "observer", "experts", "expert", "commentators",
		"critics", "markets", "investors", "traders", "economists", "pundits", "scholars", "historians",
		"pollsters", "strategists")
	// commentVerbs are what commentators do.
	commentVerbs = set("say", "says", "said", "caution", "cautions", "cautioned", "believe", "believes",
		"expect", "expects", "fear", "fears", "suggest", "suggests", "watch", "watching", "warn", "warns",
		"note", "notes", "predict", "predicts", "argue", "argues", "think", "doubt", "see", "question", "wonder")
	// meetingNouns are what a host hosts when the parties are not named
	// ("the talks, hosted by Oman").
	// means are what "by" names when it says how, not who: "spoke by
	// telephone" is no passive.
	means = set("telephone", "phone", "video", "videoconference", "videolink", "video-link", "letter", "email",
		"e-mail", "satellite", "sea", "air", "land", "road", "rail", "car", "plane", "helicopter", "boat",
		"ship", "train", "bus", "force", "decree", "proxy", "mistake", "accident", "hand", "default", "far")
	// attackNouns are attacks whose doer stands before them as the
	// subject of a clause ("Israeli air strikes killed").
	attackNouns = set("strike", "strikes", "airstrike", "airstrikes", "raid", "raids", "attack", "attacks",
		"shelling", "bombardment", "bombing", "bombings", "offensive")
	// weaponWords stand between an attack's doer and its noun: "US drone
	// strike".
	weaponWords = set("air", "drone", "missile", "rocket", "artillery", "naval", "aerial")
	// pastCounts and pastCounted make a count of past events: "have
	// fought three wars", "has met him several times".
	pastCounts  = set("two", "three", "four", "five", "six", "several", "many", "numerous", "multiple", "countless")
	pastCounted = set("wars", "times", "conflicts", "battles", "occasions", "rounds")
	// relativeHeads are participles that follow a noun as adjectives more
	// often than they end a subject as verbs.
	relativeHeads = set("based", "backed", "led", "aimed", "designed", "linked", "allied", "armed", "related",
		"affiliated", "sponsored", "supported", "owned", "controlled", "occupied", "named", "called")
	// nameParticles stand inside personal names: "Mohammed bin Salman",
	// "Ursula von der Leyen".
	nameParticles = set("bin", "ibn", "bint", "al", "el", "de", "del", "della", "di", "da", "dos", "das", "van", "von",
		"der", "den", "le", "la", "ul", "abu", "ben", "y")
	// ownPronouns make an agent someone's own: "its ambassador".
	ownPronouns = set("its", "their", "his", "her", "our", "my", "your")
	// abroad marks an agent as not of the sentence's country.
	abroad = set("foreign", "international", "overseas", "expatriate", "expat")
	// properties are things of a country that acts are done to: "the
	// Iranian tanker was seized".
	properties = set("tanker", "tankers", "ship", "ships", "vessel", "vessels", "embassy", "consulate",
		"drone", "jet", "plane", "aircraft", "warship", "convoy", "base", "bases", "boat", "boats", "satellite")
	meetingNouns = set("talks", "meeting", "meetings", "negotiations", "discussions", "summit", "dialogue", "consultations")
)
