//! Self-diagnosis: each warning is a fixed phrase a user can count across a folder
//! (`jq 'select(.warnings != [])'`), raised by the shape it names and by nothing else here.

fn warnings(dump: &str) -> Vec<String> {
    newsclean::parse(dump).warnings
}

const CLEAN: &str = "\nBridge reopens after repairs\nIPOH: The bridge reopened today after a month of repairs, the council said.\nTraffic was light in the morning.\n";

#[test]
fn a_clean_page_has_no_warning() {
    assert_eq!(warnings(CLEAN), Vec::<String>::new());
}

#[test]
fn a_dump_that_starts_mid_page_says_so() {
    let w = warnings("he said, adding that the talks would resume next week after the holiday break in the capital.\nThe ministry did not comment.\n");
    assert_eq!(w, ["no headline found (the dump starts mid-page)"]);
}

#[test]
fn a_dateline_left_in_the_body_is_flagged() {
    let dump = "\nTwo towns count flood damage\nIPOH: Floods hit the town on Monday, officials said.\nResidents began cleaning up.\nKUANTAN: In the east, rivers rose overnight, officials said.\n";
    assert_eq!(
        warnings(dump),
        ["a line that looks like a dateline is left in the body"]
    );
}

#[test]
fn a_paragraph_that_is_only_a_url_or_handle_is_flagged() {
    // (An address or a clock time alone on a line is chrome by the built-in rules.)
    for token in [
        "https://example.com/story/123",
        "www.example.com",
        "@kitecourier",
        "3 hours ago",
    ] {
        let dump = format!("\nBridge reopens after repairs\nIPOH: The bridge reopened today, the council said.\n{token}\nTraffic was light.\n");
        assert_eq!(
            warnings(&dump),
            ["a paragraph is only a URL, handle, email or timestamp"],
            "{token}"
        );
    }
}

#[test]
fn a_paragraph_repeating_the_one_before_is_flagged() {
    let dump = "\nBridge reopens after repairs\nIPOH: The bridge reopened today, the council said.\nTraffic was light in the morning.\nTraffic was light in the morning.\n";
    assert_eq!(warnings(dump), ["a paragraph repeats the one before it"]);
}

#[test]
fn a_paragraph_cut_by_a_line_break_is_flagged() {
    // A caption stands inside the split sentence, so the rest cannot be rejoined.
    let dump = "\nBridge reopens after repairs\nIPOH: The bridge reopened today and the council\nWorkers at the bridge on Monday. (Bernama pic)\nsaid the work had cost more than planned.\n";
    assert_eq!(
        warnings(dump),
        ["a paragraph is cut mid-sentence by a line break"]
    );
}

#[test]
fn captions_without_a_body_are_flagged() {
    let dump = "\nFloods in pictures\nResidents wade through the water in Kuantan. (Bernama pic)\n";
    assert_eq!(warnings(dump), ["captions or subheadings but no body"]);
}

#[test]
fn a_page_with_nothing_but_chrome_says_no_article_text() {
    let w = warnings("\nHashtags\n\nTry Our AI Features\nExplore what Daily8 AI can do for you:\nComments\nNo comments yet...\nRelated Articles\n");
    assert!(w.contains(&"no article text found".to_string()), "{w:?}");
}
