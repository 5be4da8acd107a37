package main

import "context"

func runInspect(context.Context, *env, []string) error { return nil }
func runCrawl(context.Context, *env, []string) error   { return nil }
func runPosts(context.Context, *env, []string) error   { return nil }
