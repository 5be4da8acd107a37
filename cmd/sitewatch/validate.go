package main

import (
	"context"
	"fmt"
	"strings"

	"sitewatch/config"
)

func runValidate(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "validate")
	cfgPath := configFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(*cfgPath)
	if err != nil {
		n := strings.Count(err.Error(), "\n") + 1
		fmt.Fprintln(e.stderr, err)
		return fmt.Errorf("%s: %d problem(s)", *cfgPath, n)
	}
	enabled := 0
	for _, u := range cfg.Units {
		if u.IsEnabled() {
			enabled++
		}
	}
	fmt.Fprintf(e.stdout, "%s: ok: %d units (%d enabled), %d kinds, time zone %s, database %s\n",
		*cfgPath, len(cfg.Units), enabled, len(cfg.Kinds), cfg.Settings.Timezone, cfg.Settings.Database)
	return nil
}
