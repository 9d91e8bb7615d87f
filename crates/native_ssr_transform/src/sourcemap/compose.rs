//! Composing our map with the map of the previous transform.
//!
//! Vite combines the two with `@jridgewell/remapping`: every segment of our map is traced
//! into the incoming map (greatest lower bound on the column, first of equal columns), and
//! the result is rebuilt with gen-mapping's rules (sources and names in order of first
//! use, redundant segments dropped, trailing empty lines removed). This module follows
//! those rules so that the combined map is the same, segment for segment.
//!
//! ```text
//! ours:     line 0: [0 -> ours 0:0], [6 -> ours 0:6]
//! incoming: line 0: [0 -> a.ts 0:0], [6 -> a.ts 0:12]
//! result:   line 0: [0 -> a.ts 0:0], [6 -> a.ts 0:12]    sources: ["a.ts"]
//! ```

use rustc_hash::FxHashMap;

use super::{Lines, Origin, Segment, decode, encode};

/// The map of the previous transform, as Vite receives it.
#[derive(Debug, Default, Clone)]
pub struct InputMap {
    pub mappings: String,
    pub sources: Vec<Option<String>>,
    pub sources_content: Option<Vec<Option<String>>>,
    pub names: Vec<String>,
    pub source_root: Option<String>,
    pub ignore_list: Option<Vec<u32>>,
}

/// The combined map's fields, in the shape remapping emits them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ComposedMap {
    pub mappings: String,
    pub sources: Vec<String>,
    pub sources_content: Vec<Option<String>>,
    pub names: Vec<String>,
    pub ignore_list: Vec<u32>,
}

/// An insertion-ordered set of strings, as gen-mapping's `SetArray`.
#[derive(Default)]
struct IndexedSet {
    items: Vec<String>,
    index: FxHashMap<String, u32>,
}

impl IndexedSet {
    fn put(&mut self, item: &str) -> u32 {
        if let Some(&i) = self.index.get(item) {
            return i;
        }
        let i = self.items.len() as u32;
        self.items.push(item.to_owned());
        self.index.insert(item.to_owned(), i);
        i
    }
}

/// Traces each of `outer`'s segments (whose only source is the incoming map's output)
/// through `inner`.
pub fn compose(outer: &Lines, inner: &InputMap) -> Result<ComposedMap, String> {
    let mut inner_lines = decode(&inner.mappings)?;
    for line in &mut inner_lines {
        if !line.is_sorted_by_key(|s| s.generated_column) {
            line.sort_by_key(|s| s.generated_column);
        }
    }
    let prefix = inner.source_root.as_deref().map(|root| format!("{root}/")).unwrap_or_default();
    let resolved: Vec<String> = inner
        .sources
        .iter()
        .map(|source| resolve_source(&format!("{prefix}{}", source.as_deref().unwrap_or(""))))
        .collect();

    let mut sources = IndexedSet::default();
    let mut names = IndexedSet::default();
    let mut sources_content: Vec<Option<String>> = Vec::new();
    let mut ignore_list: Vec<u32> = Vec::new();
    let mut out: Lines = Vec::with_capacity(outer.len());

    for (line_number, line) in outer.iter().enumerate() {
        for segment in line {
            let traced = match segment.origin {
                None => None,
                Some(origin) => match trace(&inner_lines, origin.line, origin.column) {
                    Tracing::Unmapped => continue,
                    Tracing::Sourceless => None,
                    Tracing::Origin(found) => Some(found),
                },
            };
            let row = out_line(&mut out, line_number);
            let source = traced.map(|o| resolved.get(o.source as usize).map_or("", String::as_str));
            let Some(source) = source.filter(|s| !s.is_empty()) else {
                // Sourceless: only kept to end a mapped range.
                if row.last().is_some_and(|prev| prev.origin.is_some()) {
                    row.push(Segment { generated_column: segment.generated_column, origin: None });
                }
                continue;
            };
            let origin = traced.expect("a source implies an origin");
            let source_index = sources.put(source);
            let name = origin.name.and_then(|n| inner.names.get(n as usize)).filter(|n| !n.is_empty());
            let name_index = name.map(|n| names.put(n));
            let content = inner
                .sources_content
                .as_ref()
                .and_then(|contents| contents.get(origin.source as usize).cloned().flatten());
            if source_index as usize == sources_content.len() {
                sources_content.push(content);
            }
            let ignored = inner.ignore_list.as_ref().is_some_and(|list| list.contains(&origin.source));
            if ignored && !ignore_list.contains(&source_index) {
                ignore_list.push(source_index);
            }
            let mapped = Origin { source: source_index, line: origin.line, column: origin.column, name: name_index };
            if row.last().is_some_and(|prev| prev.origin == Some(mapped)) {
                continue;
            }
            row.push(Segment { generated_column: segment.generated_column, origin: Some(mapped) });
        }
    }
    while out.last().is_some_and(Vec::is_empty) {
        out.pop();
    }
    Ok(ComposedMap { mappings: encode(&out), sources: sources.items, sources_content, names: names.items, ignore_list })
}

fn out_line(out: &mut Lines, line: usize) -> &mut Vec<Segment> {
    if out.len() <= line {
        out.resize_with(line + 1, Vec::new);
    }
    &mut out[line]
}

enum Tracing {
    /// No segment covers the position: the outer segment is dropped.
    Unmapped,
    Sourceless,
    Origin(Origin),
}

/// trace-mapping's `traceSegment`: the first segment at `column`, or else the last one
/// before it.
fn trace(lines: &Lines, line: u32, column: u32) -> Tracing {
    let Some(segments) = lines.get(line as usize) else {
        return Tracing::Unmapped;
    };
    let after = segments.partition_point(|s| s.generated_column < column);
    let index = if segments.get(after).is_some_and(|s| s.generated_column == column) {
        after
    } else if after == 0 {
        return Tracing::Unmapped;
    } else {
        after - 1
    };
    match segments[index].origin {
        None => Tracing::Sourceless,
        Some(origin) => Tracing::Origin(origin),
    }
}

/// `@jridgewell/resolve-uri`'s `resolve(input, "")`: normalises a source path or URL
/// the way trace-mapping does before remapping uses it.
fn resolve_source(input: &str) -> String {
    if input.is_empty() {
        return String::new();
    }
    let url = Url::parse(input);
    let path = normalize_path(&url.path, url.kind <= UrlKind::RelativePath);
    let query_hash = format!("{}{}", url.query, url.hash);
    match url.kind {
        UrlKind::Hash | UrlKind::Query => query_hash,
        UrlKind::RelativePath => {
            let relative = &path[1..];
            if relative.is_empty() {
                return if query_hash.is_empty() { ".".into() } else { query_hash };
            }
            if starts_relative(input) && !starts_relative(relative) {
                format!("./{relative}{query_hash}")
            } else {
                format!("{relative}{query_hash}")
            }
        }
        UrlKind::AbsolutePath => format!("{path}{query_hash}"),
        UrlKind::SchemeRelative | UrlKind::Absolute => {
            format!("{}//{}{}{}{path}{query_hash}", url.scheme, url.user, url.host, url.port)
        }
    }
}

fn starts_relative(text: &str) -> bool {
    text.starts_with(['.', '?', '#'])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum UrlKind {
    Hash = 2,
    Query = 3,
    RelativePath = 4,
    AbsolutePath = 5,
    SchemeRelative = 6,
    Absolute = 7,
}

struct Url<'a> {
    kind: UrlKind,
    scheme: &'a str,
    user: &'a str,
    host: &'a str,
    port: &'a str,
    path: String,
    query: &'a str,
    hash: &'a str,
}

impl<'a> Url<'a> {
    fn parse(input: &'a str) -> Self {
        if let Some(rest) = input.strip_prefix("//") {
            return Self::parse_authority(UrlKind::SchemeRelative, "", rest);
        }
        if input.starts_with('/') {
            return Self::path_only(UrlKind::AbsolutePath, input, false);
        }
        if input.len() >= 5 && input[..5].eq_ignore_ascii_case("file:") {
            return Self::parse_file(input);
        }
        if let Some(scheme_end) = input.find("://").filter(|&end| {
            end > 0 && input[..end].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'.' | b'-'))
        }) {
            return Self::parse_authority(UrlKind::Absolute, &input[..=scheme_end], &input[scheme_end + 3..]);
        }
        let kind = if input.starts_with('?') {
            UrlKind::Query
        } else if input.starts_with('#') {
            UrlKind::Hash
        } else {
            UrlKind::RelativePath
        };
        Self::path_only(kind, input, true)
    }

    fn path_only(kind: UrlKind, input: &'a str, add_slash: bool) -> Self {
        let (path, query, hash) = split_query_hash(input);
        let path = if add_slash { format!("/{path}") } else { path.to_owned() };
        Self { kind, scheme: "", user: "", host: "", port: "", path, query, hash }
    }

    fn parse_authority(kind: UrlKind, scheme: &'a str, rest: &'a str) -> Self {
        let authority_end = rest.find(['/', '#', '?']).unwrap_or(rest.len());
        let (mut authority, tail) = rest.split_at(authority_end);
        let mut user = "";
        if let Some(at) = authority.find('@') {
            user = &authority[..=at];
            authority = &authority[at + 1..];
        }
        let (host, port) = match authority.find(':') {
            Some(colon) => (&authority[..colon], &authority[colon..]),
            None => (authority, ""),
        };
        let (path, query, hash) = split_query_hash(tail);
        let path = if path.is_empty() { "/".to_owned() } else { path.to_owned() };
        Self { kind, scheme, user, host, port, path, query, hash }
    }

    fn parse_file(input: &'a str) -> Self {
        let mut rest = &input[5..];
        let mut host = "";
        if let Some(after) = rest.strip_prefix("//") {
            rest = after;
            let drive = after.len() >= 2 && after.as_bytes()[0].is_ascii_alphabetic() && after.as_bytes()[1] == b':';
            if !drive {
                let end = after.find(['/', '#', '?']).unwrap_or(after.len());
                host = &after[..end];
                rest = &after[end..];
            }
        }
        let (path, query, hash) = split_query_hash(rest);
        let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
        Self { kind: UrlKind::Absolute, scheme: "file:", user: "", host, port: "", path, query, hash }
    }
}

fn split_query_hash(text: &str) -> (&str, &str, &str) {
    let hash_start = text.find('#').unwrap_or(text.len());
    let (before_hash, hash) = text.split_at(hash_start);
    let query_start = before_hash.find('?').unwrap_or(before_hash.len());
    let (path, query) = before_hash.split_at(query_start);
    (path, query, hash)
}

/// Removes empty, `.` and resolvable `..` segments; a relative path keeps leading `..`.
fn normalize_path(path: &str, relative: bool) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut positive = 0;
    let mut trailing_slash = false;
    for piece in path.split('/').skip(1) {
        if piece.is_empty() {
            trailing_slash = true;
            continue;
        }
        trailing_slash = false;
        if piece == "." {
            continue;
        }
        if piece == ".." {
            if positive > 0 {
                trailing_slash = true;
                positive -= 1;
                kept.pop();
            } else if relative {
                kept.push(piece);
            }
            continue;
        }
        kept.push(piece);
        positive += 1;
    }
    let mut out = String::with_capacity(path.len());
    for piece in &kept {
        out.push('/');
        out.push_str(piece);
    }
    if out.is_empty() || (trailing_slash && !out.ends_with("/..")) {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(generated_column: u32, line: u32, column: u32) -> Segment {
        Segment { generated_column, origin: Some(Origin { source: 0, line, column, name: None }) }
    }

    fn input(mappings: &str, sources: &[&str]) -> InputMap {
        InputMap {
            mappings: mappings.into(),
            sources: sources.iter().map(|s| Some((*s).to_owned())).collect(),
            sources_content: Some(sources.iter().map(|s| Some(format!("// {s}"))).collect()),
            ..InputMap::default()
        }
    }

    #[test]
    fn traces_through_the_incoming_map() {
        // incoming: col 0 -> a.ts 0:0, col 6 -> a.ts 0:12
        let inner = input("AAAA,MAAY", &["a.ts"]);
        let outer = vec![vec![seg(0, 0, 0), seg(3, 0, 3), seg(8, 0, 6)]];
        let map = compose(&outer, &inner).unwrap();
        // col 3 falls back to the segment at col 0, which repeats 0:0 and is dropped.
        assert_eq!(decode(&map.mappings).unwrap(), vec![vec![seg(0, 0, 0), seg(8, 0, 12)]]);
        assert_eq!(map.sources, ["a.ts"]);
        assert_eq!(map.sources_content, [Some("// a.ts".to_owned())]);
    }

    #[test]
    fn unmapped_positions_are_dropped_and_empty_tail_lines_trimmed() {
        let inner = input(";AAAA", &["a.ts"]);
        let outer = vec![vec![seg(0, 0, 0)], vec![seg(0, 1, 0)], vec![seg(0, 5, 0)]];
        let map = compose(&outer, &inner).unwrap();
        assert_eq!(map.mappings, ";AAAA");
    }

    #[test]
    fn resolves_sources_like_resolve_uri() {
        for (input, expected) in [
            ("a.ts", "a.ts"),
            ("./a.ts", "./a.ts"),
            ("src/../a.ts", "a.ts"),
            ("../x/./y.ts", "../x/y.ts"),
            ("/abs//p/../q.ts", "/abs/q.ts"),
            ("http://h.com:80/a/../b?q#h", "http://h.com:80/b?q#h"),
            ("file:///C/x/../y.ts", "file:///C/y.ts"),
            ("webpack://pkg/./src/a.ts", "webpack://pkg/src/a.ts"),
            ("", ""),
        ] {
            assert_eq!(resolve_source(input), expected, "{input}");
        }
    }
}
