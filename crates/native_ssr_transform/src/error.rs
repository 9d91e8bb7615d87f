//! The one error type, with a location, shaped like the errors Vite throws.
//!
//! A parse failure reads exactly as Vite 8 reports it: rolldown's `Parse failed with N
//! error(s):` list with a code frame per label, then Vite's `At file:` suffix, plus
//! Vite's own `loc` and `frame` for the first error.
//!
//! ```text
//! Parse failure: Parse failed with 1 error:
//! Unexpected token
//! 1: let = ;
//!         ^
//! At file: /src/a.js:1:8
//! ```

use std::fmt::Write as _;

use oxc_diagnostics::OxcDiagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The code is not a valid module.
    Parse,
    /// An argument is unusable (for example an input source map that does not decode).
    InvalidInput,
    /// A bug of ours: the edits Vite's algorithm asks for conflict (Vite itself would
    /// throw there too), or the transform panicked and the binding caught it.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    /// One-based.
    pub line: u32,
    /// Zero-based, in UTF-16 code units.
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The module url.
    pub id: String,
    pub loc: Option<Location>,
    pub frame: Option<String>,
    /// UTF-16 offset of the error, as Vite's `err.pos`.
    pub pos: Option<u32>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Vite's `code` property for this kind of error.
    pub fn code(&self) -> &'static str {
        match self.kind {
            ErrorKind::Parse => "PARSE_ERROR",
            ErrorKind::InvalidInput => "INVALID_INPUT",
            ErrorKind::Internal => "INTERNAL_ERROR",
        }
    }

    pub fn invalid_input(url: &str, message: impl Into<String>) -> Self {
        Self::plain(ErrorKind::InvalidInput, url, message.into())
    }

    pub fn internal(url: &str, message: impl Into<String>) -> Self {
        Self::plain(ErrorKind::Internal, url, message.into())
    }

    fn plain(kind: ErrorKind, url: &str, message: String) -> Self {
        Self { kind, message, id: url.to_owned(), loc: None, frame: None, pos: None }
    }

    pub fn parse(code: &str, url: &str, diagnostics: &[OxcDiagnostic]) -> Self {
        let units: Vec<u16> = code.encode_utf16().collect();
        let to_utf16 = |byte: usize| code[..byte.min(code.len())].encode_utf16().count() as u32;
        let count = diagnostics.len();
        let mut message =
            format!("Parse failure: Parse failed with {count} error{}:\n", if count < 2 { "" } else { "s" });
        let mut pos = None;
        for (i, diagnostic) in diagnostics.iter().enumerate() {
            if i >= 5 {
                message.push_str("\n...");
                break;
            }
            message.push_str(&diagnostic.message);
            message.push('\n');
            let starts: Vec<u32> = diagnostic.labels.iter().map(|label| to_utf16(label.offset() as usize)).collect();
            if i == 0 {
                pos = starts.first().copied();
            }
            let frames: Vec<String> = starts
                .iter()
                .filter_map(|&start| {
                    let (line, column) = lf_position(&units, start)?;
                    let frame = rolldown_code_frame(&units, line, column);
                    (!frame.is_empty()).then_some(frame)
                })
                .collect();
            message.push_str(&frames.join("\n"));
        }
        message.push('\n');
        let Some(pos) = pos else {
            let _ = write!(message, "At file: {url}");
            return Self { kind: ErrorKind::Parse, message, id: url.to_owned(), loc: None, frame: None, pos };
        };
        let (line, column) = vite_position(&units, pos);
        let _ = write!(message, "At file: {url}:{line}:{column}");
        Self {
            kind: ErrorKind::Parse,
            message,
            id: url.to_owned(),
            loc: Some(Location { file: url.to_owned(), line, column }),
            frame: Some(vite_code_frame(&units, pos)),
            pos: Some(pos),
        }
    }
}

fn is_js_whitespace(unit: u16) -> bool {
    matches!(
        unit,
        0x09..=0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

fn text(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

/// Splits like `source.split("\n")`.
fn lf_lines(units: &[u16]) -> Vec<&[u16]> {
    units.split(|&u| u == u16::from(b'\n')).collect()
}

/// Splits like `source.split(/\r?\n/)`: a `\r` only ends a line before a `\n`.
fn crlf_lines(units: &[u16]) -> Vec<&[u16]> {
    let mut lines = lf_lines(units);
    let last = lines.len() - 1;
    for line in &mut lines[..last] {
        if line.last() == Some(&u16::from(b'\r')) {
            *line = &line[..line.len() - 1];
        }
    }
    lines
}

/// rolldown's `locate(source, pos, { offsetLine: 1 })`.
fn lf_position(units: &[u16], pos: u32) -> Option<(u32, u32)> {
    let mut start = 0u32;
    for (i, line) in lf_lines(units).iter().enumerate() {
        let end = start + line.len() as u32 + 1;
        if start <= pos && pos < end {
            return Some((i as u32 + 1, pos - start));
        }
        start = end;
    }
    None
}

/// Vite's `numberToPos`.
fn vite_position(units: &[u16], pos: u32) -> (u32, u32) {
    let lines = crlf_lines(&units[..pos as usize]);
    (lines.len() as u32, lines.last().map_or(0, |l| l.len()) as u32)
}

fn tabs_to_spaces(line: &[u16]) -> Vec<u16> {
    let tabs = line.iter().take_while(|&&u| u == u16::from(b'\t')).count();
    let mut out = vec![u16::from(b' '); tabs * 2];
    out.extend_from_slice(&line[tabs..]);
    out
}

/// rolldown's `getCodeFrame`.
fn rolldown_code_frame(units: &[u16], line: u32, column: u32) -> String {
    let all = lf_lines(units);
    let line = line as usize;
    if line > all.len() {
        return String::new();
    }
    let column = column as usize;
    let prefix_width = |l: &[u16]| tabs_to_spaces(&l[..column.min(l.len())]).len();
    let max_line_length = (prefix_width(all[line - 1]) + 13).max(120);
    let frame_start = line.saturating_sub(3);
    let mut frame_end = (line + 2).min(all.len());
    let mut shown = all[frame_start..frame_end].to_vec();
    while shown.last().is_some_and(|l| l.iter().all(|&u| is_js_whitespace(u))) {
        shown.pop();
        frame_end -= 1;
    }
    let digits = frame_end.to_string().len();
    let rows: Vec<String> = shown
        .iter()
        .enumerate()
        .map(|(index, source_line)| {
            let number = frame_start + index + 1;
            let mut displayed = tabs_to_spaces(source_line);
            if displayed.len() > max_line_length {
                displayed.truncate(max_line_length - 3);
                displayed.extend("...".encode_utf16());
            }
            let row = format!("{number:>digits$}: {}", text(&displayed));
            if number == line {
                let indent = digits + 2 + prefix_width(source_line);
                format!("{row}\n{}^", " ".repeat(indent))
            } else {
                row
            }
        })
        .collect();
    rows.join("\n")
}

const MAX_DISPLAY_LEN: usize = 120;
const FRAME_RANGE: usize = 2;

/// Vite's `generateCodeFrame(source, pos)`: a one-character underline at `pos`.
fn vite_code_frame(units: &[u16], pos: u32) -> String {
    let start = pos as usize;
    let lines = crlf_lines(units);
    let last_line = vite_position(units, pos).0;
    let width = 3.max(last_line.to_string().len() + 1);
    let terminator_at = |i: usize| {
        if units.get(i) == Some(&u16::from(b'\r')) { 2 } else { 1 }
    };
    let mut count = 0;
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        count += line.len();
        if count < start {
            count += terminator_at(count);
            continue;
        }
        let first = i.saturating_sub(FRAME_RANGE);
        let last = (i + FRAME_RANGE).min(lines.len() - 1);
        for (j, source_line) in lines.iter().enumerate().take(last + 1).skip(first) {
            let number = j + 1;
            // Signed, as in JS: a line after the error's line can be longer than `count`.
            let pad = (start as i64 - (count as i64 - source_line.len() as i64)).max(0) as usize;
            let mut displayed = text(source_line);
            let mut underline_pad = pad;
            if source_line.len() > MAX_DISPLAY_LEN {
                let mut start_index = 0;
                if j == i {
                    start_index = (pad).saturating_sub(MAX_DISPLAY_LEN / 2);
                    underline_pad = pad.saturating_sub(start_index) + if start_index > 0 { 3 } else { 0 };
                }
                let prefix = if start_index > 0 { "..." } else { "" };
                let suffix = if source_line.len() - start_index > MAX_DISPLAY_LEN { "..." } else { "" };
                let slice_len = MAX_DISPLAY_LEN - prefix.len() - suffix.len();
                let end = (start_index + slice_len).min(source_line.len());
                displayed = format!("{prefix}{}{suffix}", text(&source_line[start_index..end]));
            }
            rows.push(format!("{number:<width$}|  {displayed}"));
            if j == i {
                rows.push(format!("{}|  {}^", " ".repeat(width), " ".repeat(underline_pad)));
            } else if j > i {
                count += terminator_at(count) + source_line.len();
            }
        }
        break;
    }
    rows.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(code: &str) -> Error {
        let allocator = oxc_allocator::Allocator::default();
        let ret = oxc_parser::Parser::new(&allocator, code, oxc_span::SourceType::mjs()).parse();
        Error::parse(code, "/src/a.js", &ret.diagnostics)
    }

    // Expected values are Vite 8.3.8's `moduleRunnerTransform` errors for the same input.
    #[test]
    fn frames_and_location_match_vite() {
        let error = parse_error("const a = 1\nlet = ;\n");
        assert_eq!(error.loc, Some(Location { file: "/src/a.js".into(), line: 2, column: 6 }));
        assert_eq!(error.frame.as_deref(), Some("1  |  const a = 1\n2  |  let = ;\n   |        ^\n3  |  "));
        assert!(error.message.starts_with("Parse failure: Parse failed with 1 error:\n"));
        assert!(error.message.ends_with("At file: /src/a.js:2:6"));
    }
}
