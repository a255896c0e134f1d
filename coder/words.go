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
// time words). The words are data, in grammar/words.txt; event patterns
// and actors live in the dictionaries.
var (
	determiners = wordClass("determiners")
	// modifiers are adjectives that may stand before an actor's noun.
	modifiers    = wordClass("modifiers")
	prepositions = wordClass("prepositions")
	beForms      = wordClass("be-forms")
	haveForms    = wordClass("have-forms")
	doForms      = wordClass("do-forms")
	// hypotheticalModals make a clause hypothetical; "will" and "would" are
	// read as intent instead (see intent.go).
	hypotheticalModals = wordClass("hypothetical-modals")
	futureModals       = wordClass("future-modals")
	negations          = wordClass("negations")
	adverbs            = wordClass("adverbs")
	timeWords          = wordClass("time-words")
	// speechVerbs introduce reported speech: a pronoun subject after them
	// is their own subject ("Israel said it would free ...").
	speechVerbs = wordClass("speech-verbs")
	pronouns    = wordClass("pronouns")
	// accidents are what kills without a doer ("killed in a crash").
	accidents = wordClass("accidents")
	// forceAgents are the agents whose acts are never protests.
	forceAgents = wordClass("force-agents")
	// memberNouns name people of a group who act for it ("members of").
	memberNouns = wordClass("member-nouns")
	// quantities may take "of" inside a pattern's gap: "fired dozens of
	// rockets".
	quantities = wordClass("quantities")
	// collectives name an actor as a body: "the ELN rebel group".
	collectives  = wordClass("collectives")
	hypothetical = wordClass("hypothetical")
	// commentators are subjects whose statements are commentary, not
	// events ("Analysts say ...", "observers caution ...").
	commentators = wordClass("commentators")
	// commentVerbs are what commentators do.
	commentVerbs = wordClass("comment-verbs")
	// meetingNouns are what a host hosts when the parties are not named
	// ("the talks, hosted by Oman").
	// means are what "by" names when it says how, not who: "spoke by
	// telephone" is no passive.
	means = wordClass("means")
	// attackNouns are attacks whose doer stands before them as the
	// subject of a clause ("Israeli air strikes killed").
	attackNouns = wordClass("attack-nouns")
	// weaponWords stand between an attack's doer and its noun: "US drone
	// strike".
	weaponWords = wordClass("weapon-words")
	// pastCounts and pastCounted make a count of past events: "have
	// fought three wars", "has met him several times".
	pastCounts  = wordClass("past-counts")
	pastCounted = wordClass("past-counted")
	// relativeHeads are participles that follow a noun as adjectives more
	// often than they end a subject as verbs.
	relativeHeads = wordClass("relative-heads")
	// nameParticles stand inside personal names: "Mohammed bin Salman",
	// "Ursula von der Leyen".
	nameParticles = wordClass("name-particles")
	// ownPronouns make an agent someone's own: "its ambassador".
	ownPronouns = wordClass("own-pronouns")
	// abroad marks an agent as not of the sentence's country.
	abroad = wordClass("abroad")
	// properties are things of a country that acts are done to: "the
	// Iranian tanker was seized".
	properties   = wordClass("properties")
	meetingNouns = wordClass("meeting-nouns")
)
