//! The catalogue table in `otcheck-core` is generated from its data file, and the data file is
//! checked for internal consistency here.
//!
//! Regenerate the table after editing `crates/otcheck-core/data/iec62443-4-2.toml` with
//! `OTCHECK_BLESS=1 cargo test --test catalog`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::unreachable,
    clippy::std_instead_of_core
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use otcheck_core::{ComponentType, RequirementId, SecurityLevel, catalog};
use serde::Deserialize;

#[derive(Deserialize)]
struct Data {
    ccsc: Vec<Ccsc>,
    requirements: Vec<Entry>,
    requirement_enhancements: Vec<Entry>,
    foundational_requirements: Vec<FrData>,
}

#[derive(Deserialize)]
struct FrData {
    number: u8,
    abbrev: String,
    name: String,
}

#[derive(Deserialize)]
struct Ccsc {
    id: String,
    title: String,
    check_class: String,
    confidence: String,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    fr: u8,
    title: String,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    kind: Option<String>,
    applies_to: Vec<String>,
    sl_c: Vec<u8>,
    #[serde(default)]
    defers_to: Vec<String>,
    #[serde(default)]
    enhancements: Vec<String>,
    check_class: String,
    confidence: String,
}

fn core_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("crates/otcheck-core")
}

fn load() -> Data {
    let text = std::fs::read_to_string(core_dir().join("data/iec62443-4-2.toml")).unwrap();
    toml::from_str(&text).unwrap()
}

fn parse(id: &str) -> RequirementId {
    id.parse().unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn const_name(id: RequirementId) -> String {
    id.to_string().replace(['.', ' '], "_")
}

fn check_class(s: &str) -> &'static str {
    match s {
        "technical-automatable" => "Automatable",
        "technical-partial" => "Partial",
        "hardware-physical" => "HardwarePhysical",
        "process-documentation" => "ProcessDocumentation",
        "none" => "None",
        other => panic!("unknown check_class {other}"),
    }
}

fn confidence(s: &str) -> &'static str {
    match s {
        "high" => "High",
        "medium" => "Medium",
        other => panic!("unknown confidence {other}"),
    }
}

fn kind(id: RequirementId) -> &'static str {
    match id.kind() {
        otcheck_core::RequirementKind::Cr => "Cr",
        otcheck_core::RequirementKind::Sar => "Sar",
        otcheck_core::RequirementKind::Edr => "Edr",
        otcheck_core::RequirementKind::Hdr => "Hdr",
        otcheck_core::RequirementKind::Ndr => "Ndr",
        otcheck_core::RequirementKind::Ccsc => "Ccsc",
        _ => unreachable!(),
    }
}

fn component_bits(codes: &[String]) -> u8 {
    codes
        .iter()
        .map(|c| match c.as_str() {
            "SA" => 1,
            "ED" => 2,
            "HD" => 4,
            "ND" => 8,
            other => panic!("unknown component type {other}"),
        })
        .fold(0, |a, b| a | b)
}

/// Minimum SL of a cumulative `sl_c` list; panics unless it is `[n, n+1, …, 4]` or empty.
fn min_level(id: &str, sl_c: &[u8]) -> Option<u8> {
    let first = *sl_c.first()?;
    let expected: Vec<u8> = (first..=4).collect();
    assert_eq!(sl_c, expected, "{id}: sl_c must be cumulative up to SL 4");
    Some(first)
}

/// Entries in catalogue order: CCSC, then each requirement followed by its enhancements.
fn ordered(data: &Data) -> Vec<(RequirementId, &Entry)> {
    let mut res: BTreeMap<RequirementId, Vec<&Entry>> = BTreeMap::new();
    for re in &data.requirement_enhancements {
        res.entry(parse(re.parent.as_deref().unwrap()))
            .or_default()
            .push(re);
    }
    let mut out = Vec::new();
    for r in &data.requirements {
        let id = parse(&r.id);
        out.push((id, r));
        for re in res.remove(&id).unwrap_or_default() {
            out.push((parse(&re.id), re));
        }
    }
    assert!(
        res.is_empty(),
        "enhancements whose parent is missing: {:?}",
        res.keys().collect::<Vec<_>>()
    );
    out
}

fn render(data: &Data) -> String {
    let mut ids = String::new();
    let mut rows = String::new();
    for c in &data.ccsc {
        let id = parse(&c.id);
        let name = const_name(id);
        writeln!(ids, "    /// {id}: {}.", c.title).unwrap();
        writeln!(ids, "    pub const {name}: RequirementId = RequirementId::new(RequirementKind::Ccsc, 0, {});", c.id.trim_start_matches("CCSC ")).unwrap();
        writeln!(
            rows,
            "    Requirement {{ id: ids::{name}, title: {:?}, status: Normative, min_level: None, applies_to: ComponentSet::ALL, check_class: CheckClass::{}, confidence: {}, defers_to: &[] }},",
            c.title,
            check_class(&c.check_class),
            confidence(&c.confidence)
        )
        .unwrap();
    }
    for (id, e) in ordered(data) {
        let name = const_name(id);
        writeln!(ids, "    /// {id}: {}.", e.title).unwrap();
        let base = format!(
            "RequirementId::new(RequirementKind::{}, {}, {})",
            kind(id),
            id.fr_number().unwrap(),
            id.base().to_string().rsplit('.').next().unwrap()
        );
        match id.re() {
            Some(re) => writeln!(
                ids,
                "    pub const {name}: RequirementId = {base}.with_re({re});"
            )
            .unwrap(),
            None => writeln!(ids, "    pub const {name}: RequirementId = {base};").unwrap(),
        }
        let status = match e.status.as_deref() {
            None | Some("normative") => "Normative",
            Some("deferred") => "Deferred",
            Some("not-applicable") => "NotApplicable",
            Some(other) => panic!("{id}: unknown status {other}"),
        };
        let min = match min_level(&e.id, &e.sl_c) {
            Some(n) => format!("Some(Sl{n})"),
            None => "None".to_string(),
        };
        let defers: Vec<String> = e
            .defers_to
            .iter()
            .map(|d| format!("ids::{}", const_name(parse(d))))
            .collect();
        writeln!(
            rows,
            "    Requirement {{ id: ids::{name}, title: {:?}, status: {status}, min_level: {min}, applies_to: ComponentSet({:#06b}), check_class: CheckClass::{}, confidence: {}, defers_to: &[{}] }},",
            e.title,
            component_bits(&e.applies_to),
            check_class(&e.check_class),
            confidence(&e.confidence),
            defers.join(", ")
        )
        .unwrap();
    }
    format!(
        "// @generated from data/iec62443-4-2.toml by the root package's tests/catalog.rs.\n\
         // Do not edit: change the data file and run `OTCHECK_BLESS=1 cargo test --test catalog`.\n\
         //! The static requirement table.\n\n\
                  use super::Confidence::{{High, Medium}};\n\
         use super::Status::{{Deferred, NotApplicable, Normative}};\n\
         use super::{{CheckClass, ComponentSet, Requirement, RequirementId, RequirementKind}};\n\
         use crate::sl::SecurityLevel::{{Sl1, Sl2, Sl3, Sl4}};\n\n\
         \
         #[allow(missing_docs)]\n\
         pub mod ids {{\n    use super::{{RequirementId, RequirementKind}};\n\n{ids}}}\n\n\
         /// Every entry, in catalogue order.\n\
         #[rustfmt::skip]\n\
         pub(super) static REQUIREMENTS: &[Requirement] = &[\n{rows}];\n"
    )
}

#[test]
fn catalog_table_is_generated_from_data() {
    let data = load();
    let generated = render(&data);
    let path = core_dir().join("src/catalog/table.rs");
    if std::env::var_os("OTCHECK_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with data/iec62443-4-2.toml; run `OTCHECK_BLESS=1 cargo test --test catalog`",
        path.display()
    );
}

#[test]
fn data_is_internally_consistent() {
    let data = load();
    let mut seen = BTreeSet::new();
    for c in &data.ccsc {
        assert!(seen.insert(parse(&c.id)), "duplicate {}", c.id);
    }
    let by_id: BTreeMap<RequirementId, &Entry> = data
        .requirements
        .iter()
        .chain(&data.requirement_enhancements)
        .map(|e| (parse(&e.id), e))
        .collect();
    for e in data
        .requirements
        .iter()
        .chain(&data.requirement_enhancements)
    {
        let id = parse(&e.id);
        assert!(seen.insert(id), "duplicate id {id}");
        assert_eq!(
            id.fr_number(),
            Some(e.fr),
            "{id}: fr field disagrees with the id"
        );
        assert!(!e.title.trim().is_empty(), "{id}: empty title");
        let min = min_level(&e.id, &e.sl_c);
        if let Some(kind) = &e.kind {
            assert_eq!(
                kind,
                id.kind().prefix(),
                "{id}: kind field disagrees with the id"
            );
        }
        match e.status.as_deref() {
            None | Some("normative") => {
                assert!(min.is_some(), "{id}: a normative item needs SL-C levels");
                assert!(
                    !e.applies_to.is_empty(),
                    "{id}: a normative item applies to something"
                );
            }
            Some(_) => {
                assert!(
                    min.is_none() && e.applies_to.is_empty(),
                    "{id}: a deferred/n.a. clause has no levels"
                );
            }
        }
        for d in &e.defers_to {
            let target = by_id
                .get(&parse(d))
                .unwrap_or_else(|| panic!("{id} defers to unknown {d}"));
            assert_eq!(
                parse(d).base().fr_number(),
                id.fr_number(),
                "{id} defers to {d} in another FR"
            );
            assert!(target.status.as_deref().unwrap_or("normative") == "normative");
        }
        for re in &e.enhancements {
            let re_id = parse(re);
            assert_eq!(re_id.base(), id, "{id} lists {re} as its enhancement");
            assert!(
                by_id.contains_key(&re_id),
                "{id} lists unknown enhancement {re}"
            );
        }
        if let Some(parent) = &e.parent {
            let p = parse(parent);
            assert_eq!(id.base(), p, "{id}: parent field disagrees with the id");
            let pe = by_id[&p];
            assert!(
                pe.enhancements.iter().any(|r| parse(r) == id),
                "{p} does not list {id}"
            );
            let pmin = min_level(parent, &pe.sl_c).expect("an RE's parent is SL-rated");
            assert!(min.unwrap() >= pmin, "{id}: required below its parent {p}");
            let (bits, pbits) = (
                component_bits(&e.applies_to),
                component_bits(&pe.applies_to),
            );
            assert_eq!(
                bits & !pbits,
                0,
                "{id}: applies to a component type its parent does not"
            );
        }
    }
    // Every FR populated; the FR table matches the core's names.
    assert_eq!(data.foundational_requirements.len(), 7);
    for f in &data.foundational_requirements {
        let fr = otcheck_core::Fr::from_number(f.number).unwrap();
        assert_eq!(fr.abbrev(), f.abbrev);
        assert_eq!(fr.name(), f.name);
        for c in ComponentType::ALL {
            assert!(
                catalog::required(c, SecurityLevel::Sl1).any(|r| r.fr() == Some(fr)),
                "{fr} has no SL-1 requirement for {c}"
            );
        }
    }
}

#[test]
fn counts_agree_with_the_catalogue_notes() {
    // From shared/catalog/NOTES.md: required items per component type at SL-C 1/2/3/4.
    let expected = [
        (ComponentType::SoftwareApplication, [34, 53, 67, 73]),
        (ComponentType::EmbeddedDevice, [36, 61, 77, 83]),
        (ComponentType::HostDevice, [36, 62, 78, 84]),
        (ComponentType::NetworkDevice, [40, 67, 86, 92]),
    ];
    for (c, counts) in expected {
        let got: Vec<usize> = SecurityLevel::RATED
            .iter()
            .map(|l| catalog::required(c, *l).count())
            .collect();
        assert_eq!(got, counts, "{c}");
    }
    let all = catalog::all();
    let count = |k| {
        all.iter()
            .filter(|r| r.id().kind() == k && r.id().re().is_none())
            .count()
    };
    assert_eq!(count(otcheck_core::RequirementKind::Cr), 58);
    assert_eq!(count(otcheck_core::RequirementKind::Ccsc), 4);
    assert_eq!(all.iter().filter(|r| r.id().re().is_some()).count(), 49);
    assert_eq!(
        all.len() - 58 - 4 - 49,
        30,
        "component-specific requirements"
    );
}

#[test]
fn core_table_matches_data_field_by_field() {
    let data = load();
    for (id, e) in ordered(&data) {
        let r = catalog::lookup(id).unwrap_or_else(|| panic!("{id} missing from the core table"));
        assert_eq!(r.title(), e.title);
        assert_eq!(
            r.min_level().map(SecurityLevel::number),
            e.sl_c.first().copied(),
            "{id}"
        );
        let types: Vec<&str> = r
            .component_types()
            .iter()
            .map(ComponentType::code)
            .collect();
        let mut expected: Vec<&str> = e.applies_to.iter().map(String::as_str).collect();
        expected.sort_by_key(|c| ["SA", "ED", "HD", "ND"].iter().position(|x| x == c));
        assert_eq!(types, expected, "{id}");
        // Each requirement is looked up by its canonical text and by the data's own spelling.
        assert_eq!(catalog::get(&e.id).unwrap().id(), id);
        assert_eq!(catalog::get(&id.to_string()).unwrap().id(), id);
    }
}
