package main

import "time"

// outlet is a fictional news site: its name, the page template it is
// rendered with, and the staff whose names appear in bylines.
type outlet struct {
	Slug    string // URL path segment and file folder
	Name    string
	Style   string // template: news, wordpress, wire or magazine
	Tagline string
	Zone    *time.Location // the zone its timestamps are written in
	Staff   []string       // fictional bylines, picked per story
}

// outlets lists the sites of the demo corpus. Stories without @outlets are
// given one by rotation, so the order here decides that rotation.
var outlets = []outlet{
	{
		Slug: "meridian-post", Name: "The Meridian Post", Style: "news",
		Tagline: "Independent reporting since 1911",
		Zone:    time.UTC,
		Staff:   []string{"Clara Vance", "Tomas Reyes", "Ines Hadley"},
	},
	{
		Slug: "northwind-wire", Name: "Northwind Wire", Style: "wire",
		Zone:  time.UTC,
		Staff: []string{"Jonah Pell", "Mariam Castell", "Oskar Lind"},
	},
	{
		Slug: "gulf-ledger", Name: "Gulf Ledger", Style: "wordpress",
		Tagline: "Shipping, energy and politics from the Gulf",
		Zone:    time.FixedZone("GST", 4*60*60),
		Staff:   []string{"Rana Whitfield", "Yusuf Brandt"},
	},
	{
		Slug: "atlas-daily", Name: "Atlas Daily", Style: "magazine",
		Tagline: "The world, explained",
		Zone:    time.UTC,
		Staff:   []string{"Helena Marsh", "Dev Arlington", "Noor Sato"},
	},
	{
		Slug: "harbor-courier", Name: "The Harbor Courier", Style: "news",
		Tagline: "News for a connected world",
		Zone:    time.UTC,
		Staff:   []string{"Peter Quill-Hart", "Amaya Sol"},
	},
}

func outletBySlug(slug string) (outlet, bool) {
	for _, o := range outlets {
		if o.Slug == slug {
			return o, true
		}
	}
	return outlet{}, false
}
