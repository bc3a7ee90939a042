use super::*;

fn load_err(extra: &str) -> String {
    let mut files: Vec<(&str, &str)> = catalog::mock_answers().to_vec();
    files.push(("extra.toml", extra));
    match Resources::from_files(&files, &Limits::default()) {
        Ok(_) => panic!("{extra:?} was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn every_catalog_endpoint_has_exactly_one_answer_with_its_documented_status() {
    let r = Resources::new(&Limits::default()).expect("the answers files load");
    let eps = &catalog::endpoints().endpoints;
    assert_eq!(r.spec.answers.len(), eps.len());
    for (e, ep) in eps.iter().enumerate() {
        assert_eq!(r.success(e).as_u16(), ep.success, "{}", ep.key());
    }
    // Leaving one endpoint out is refused with the endpoint named.
    let files: Vec<(&str, &str)> =
        catalog::mock_answers().iter().filter(|(n, _)| *n != "duplicate.toml").copied().collect();
    let e = Resources::from_files(&files, &Limits::default()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("no [[answer]] for POST /campaigns/duplicate"), "{e}");
}

#[test]
fn a_second_answer_for_an_endpoint_is_refused_naming_both() {
    let e = load_err("[[answer]]\nendpoint = \"GET /catalogs\"\nstatus = 200\nbody = '{}'\n");
    assert!(e.starts_with("assets/mock/answers/extra.toml: [[answer]] #1 (GET /catalogs): "), "{e}");
    assert!(e.contains("already has an answer, in assets/mock/answers/catalogs.toml: [[answer]] #1"), "{e}");
}

#[test]
fn mistakes_in_an_answer_name_the_file_and_the_entry() {
    let cases = [
        ("[[answer]]\nendpoint = \"GET /nope\"\nstatus = 200\nbody = '{}'\n", "(GET /nope): not an endpoint"),
        ("[[answer]]\nendpoint = \"GET /catalogs\"\nstatus = 201\nbody = '{}'\n", "documented success status 200"),
        ("[[answer]]\nendpoint = \"GET /catalogs\"\nstatus = 200\nbody = '{'\n", "body is not JSON"),
        (
            "[[answer]]\nendpoint = \"GET /catalogs\"\nstatus = 200\nbody = '{}'\nresource = \"nope\"\nop = \"list\"\n",
            "kind \"nope\" is not declared",
        ),
        (
            "[[answer]]\nendpoint = \"GET /catalogs\"\nstatus = 200\nbody = '{}'\nresource = \"catalog\"\nop = \"fetch\"\n",
            "unknown op \"fetch\"",
        ),
        (
            "[[answer]]\nendpoint = \"DELETE /catalogs/{catalog_name}\"\nstatus = 200\nbody = '{}'\nresource = \"catalog\"\nop = \"delete\"\nid = \"{name}\"\n",
            "has no such parameter",
        ),
        (
            "[[answer]]\nendpoint = \"DELETE /catalogs/{catalog_name}\"\nstatus = 200\nbody = '{}'\nresource = \"catalog\"\nop = \"delete\"\nid = \"{catalog_name}\"\n[[answer.error]]\nrow = \"no_such_row\"\nwhen = \"missing\"\nbody = '{}'\n",
            "[[answer.error]] #1 (no_such_row missing): not a row",
        ),
        (
            "[[answer]]\nendpoint = \"DELETE /catalogs/{catalog_name}\"\nstatus = 200\nbody = '{}'\nresource = \"catalog\"\nop = \"delete\"\nid = \"{catalog_name}\"\n[[answer.error]]\nrow = \"catalog_not_found\"\nwhen = \"sometimes\"\nbody = '{}'\n",
            "unknown when \"sometimes\"",
        ),
        (
            "[[answer]]\nendpoint = \"DELETE /catalogs/{catalog_name}\"\nstatus = 200\nbody = '{}'\nresource = \"catalog\"\nop = \"delete\"\nid = \"{catalog_name}\"\n[[answer.error]]\nrow = \"cdi_integration_not_found\"\nwhen = \"missing\"\nbody = '{}'\n",
            "belongs to POST /cdi/integrations/{integration_id}/sync",
        ),
        (
            "[[resource]]\nkind = \"ghost\"\nid = \"x\"\ndata = '{}'\n",
            "extra.toml: [[resource]] #1 (ghost \"x\"): kind \"ghost\" is not declared",
        ),
        ("[[kind]]\nname = \"catalog\"\nmax = 1\n", "extra.toml: [[kind]] #1 (catalog): the kind is declared twice"),
    ];
    for (text, needle) in cases {
        let e = load_err(text);
        assert!(e.contains(needle), "{text:?} → {e}");
        assert!(e.starts_with("assets/mock/answers/extra.toml: "), "{e}");
    }
}
