//! Base64 VLQ, the text form of the `mappings` field.
//!
//! ```text
//! [[0,0,0,0],[4,0,0,4]] ; [[0,0,1,0]]   <->   "AAAA,IAAI;AACJ"
//! ```

use std::mem::MaybeUninit;

use super::{Lines, MappingSink, Origin, Segment};

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const fn base64_values() -> [i8; 128] {
    let mut table = [-1i8; 128];
    let mut i = 0;
    while i < 64 {
        table[BASE64[i] as usize] = i as i8;
        i += 1;
    }
    table
}

const BASE64_VALUE: [i8; 128] = base64_values();

/// Writes segments straight into the encoded string, as they arrive.
#[derive(Default)]
pub struct VlqWriter {
    out: Vec<u8>,
    needs_comma: bool,
    previous_generated_column: i64,
    previous_source: i64,
    previous_line: i64,
    previous_column: i64,
    previous_name: i64,
}

/// `,` then the column on both sides, the source and line unchanged, for steps of fewer
/// than 16 columns: 5 bytes, padded to 8 so that a step is one 8-byte write (the padding
/// lands past the end, and is overwritten next).
const SHORT_STEPS: [[MaybeUninit<u8>; 8]; 16] = {
    let mut steps = [[MaybeUninit::new(0); 8]; 16];
    let mut columns = 0;
    while columns < 16 {
        let digit = MaybeUninit::new(BASE64[columns * 2]);
        let (comma, a) = (MaybeUninit::new(b','), MaybeUninit::new(b'A'));
        steps[columns] = [comma, digit, a, a, digit, a, a, a];
        columns += 1;
    }
    steps
};

/// For each pattern of marks in 8 columns, the steps after its lowest mark (each under 8
/// columns, so 5 bytes: `,` the distance `AA` the distance), padded to a fixed size so
/// that they are copied in one go, and their length. Marks are dense (one every 2 to 3
/// bytes of code), so a table lookup per 8 columns beats a step at a time.
const STEP_TAILS: [([MaybeUninit<u8>; TAIL_BYTES], usize); 256] = {
    let mut tails = [([MaybeUninit::new(b'A'); TAIL_BYTES], 0); 256];
    let mut pattern = 1;
    while pattern < 256 {
        let (bytes, length) = &mut tails[pattern];
        let mut previous = pattern.trailing_zeros() as usize;
        let mut bit = previous + 1;
        while bit < 8 {
            if pattern & (1 << bit) != 0 {
                let step = SHORT_STEPS[bit - previous];
                let mut i = 0;
                while i < 5 {
                    bytes[*length + i] = step[i];
                    i += 1;
                }
                *length += 5;
                previous = bit;
            }
            bit += 1;
        }
        pattern += 1;
    }
    tails
};
/// Room for 7 steps of 5 bytes, rounded up to whole 8-byte words.
const TAIL_BYTES: usize = 40;

/// The fields of a segment at the start of the next original line, but its column.
const LINE_START_DIGITS: u64 = u64::from_le_bytes(*b"AAC\0\0\0\0\0");

/// The longest segment: a comma and 5 values of at most 7 digits.
const LONGEST_SEGMENT: usize = 36;
/// The longest step: a comma, two columns and two `A`s, and the 3 bytes past the end
/// that the short form writes.
const LONGEST_STEP: usize = 1 + 7 + 2 + 7 + 3;

impl VlqWriter {
    pub fn with_capacity(capacity: usize) -> Self {
        Self { out: Vec::with_capacity(capacity), ..Self::default() }
    }

    /// Appends what `write` stores at the start of `room` (at least that many bytes of
    /// spare capacity) and reports the length of. A map has a segment every few bytes of
    /// input, and plain indexed stores, with no length update per byte, cost a fraction
    /// of pushes.
    #[inline(always)]
    fn append(&mut self, room: usize, write: impl FnOnce(&mut [MaybeUninit<u8>]) -> usize) {
        self.out.reserve(room);
        let written = write(self.out.spare_capacity_mut());
        // SAFETY: `write` initialised the first `written` bytes of the spare capacity:
        // every writer below returns the end of what it stored, and its stores are
        // bounds-checked against that slice.
        unsafe { self.out.set_len(self.out.len() + written) };
    }

    pub fn write_segment(&mut self, segment: &Segment) {
        let mut fields = [0i64; 5];
        fields[0] = delta(&mut self.previous_generated_column, segment.generated_column);
        let mut count = 1;
        if let Some(origin) = segment.origin {
            fields[1] = delta(&mut self.previous_source, origin.source);
            fields[2] = delta(&mut self.previous_line, origin.line);
            fields[3] = delta(&mut self.previous_column, origin.column);
            count = 4;
            if let Some(name) = origin.name {
                fields[4] = delta(&mut self.previous_name, name);
                count = 5;
            }
        }
        self.write_fields(&fields[..count]);
    }

    /// A segment of the given field deltas, after a comma unless it starts the line.
    fn write_fields(&mut self, fields: &[i64]) {
        self.append_segment(|room, at| write_all(room, at, fields));
    }

    /// A segment that `write` stores from `at`, after a comma unless it starts the line.
    #[inline(always)]
    fn append_segment(&mut self, write: impl FnOnce(&mut [MaybeUninit<u8>], usize) -> usize) {
        let comma = std::mem::replace(&mut self.needs_comma, true);
        self.append(LONGEST_SEGMENT, |room| {
            room[0] = MaybeUninit::new(b',');
            write(room, usize::from(comma))
        });
    }

    pub fn finish(mut self) -> String {
        // Capacity is reserved generously up front; giving back a few KB costs a
        // reallocation that, for a small module, is as much as a tenth of its map.
        const KEPT_SPARE: usize = 16 * 1024;
        if self.out.capacity() - self.out.len() > KEPT_SPARE {
            self.out.shrink_to_fit();
        }
        // Checking would be another pass over megabytes, of bytes known to be ASCII.
        debug_assert!(self.out.is_ascii());
        // SAFETY: every byte written is a base64 digit (from `BASE64`), `,`, `;` or `A`.
        unsafe { String::from_utf8_unchecked(self.out) }
    }
}

impl MappingSink for VlqWriter {
    /// A segment of the one source, with no name: [`Self::write_segment`] without the
    /// optional fields. It starts every line, and its fields are mostly small: when each
    /// has at most two digits, they are packed into one 8-byte store.
    #[inline(always)]
    fn segment(&mut self, generated_column: u32, line: u32, column: u32) {
        // Most segments start an unedited line, at its start and the next original line:
        // `AAC` and the column's change.
        if !self.needs_comma
            && generated_column == 0
            && self.previous_source == 0
            && i64::from(line) == self.previous_line + 1
            && let Some((digits, count)) = short_vlq(i64::from(column) - self.previous_column)
        {
            (self.previous_line, self.previous_column) = (i64::from(line), i64::from(column));
            self.needs_comma = true;
            return self.append(8, |room| {
                let slot: &mut [MaybeUninit<u8>; 8] = (&mut room[..8]).try_into().expect("room for 8 digits");
                *slot = (LINE_START_DIGITS | digits << 24).to_le_bytes().map(MaybeUninit::new);
                3 + count as usize
            });
        }
        let fields = [
            delta(&mut self.previous_generated_column, generated_column),
            delta(&mut self.previous_source, 0),
            delta(&mut self.previous_line, line),
            delta(&mut self.previous_column, column),
        ];
        self.append_segment(|room, at| {
            let (mut packed, mut digits) = (0u64, 0);
            for &field in &fields {
                let Some((field_digits, count)) = short_vlq(field) else {
                    return write_all(room, at, &fields);
                };
                packed |= field_digits << (8 * digits);
                digits += count;
            }
            // The bytes past the digits land in spare capacity, and are overwritten next.
            let slot: &mut [MaybeUninit<u8>; 8] = (&mut room[at..at + 8]).try_into().expect("room for 8 digits");
            *slot = packed.to_le_bytes().map(MaybeUninit::new);
            at + digits as usize
        });
    }

    #[inline(always)]
    fn steps(&mut self, marks: u64, start: u32) {
        if marks == 0 {
            return;
        }
        let first = self.previous_column;
        // Room for a step at each of the 64 columns: a bound that costs no count. Inlined:
        // it runs two or three times per 64 bytes of code, and a call costs a tenth of it.
        self.append(
            64 * LONGEST_STEP + TAIL_BYTES,
            #[inline(always)]
            move |room| {
                let (mut marks, mut previous, mut at) = (marks, first, 0);
                while marks != 0 {
                    // The lowest mark, a step of any length, then the rest of its 8 columns
                    // from the table.
                    let lowest = marks.trailing_zeros();
                    let columns = i64::from(start.wrapping_add(lowest)) - previous;
                    if (0..16).contains(&columns) {
                        room[at..at + 8].copy_from_slice(&SHORT_STEPS[columns as usize]);
                        at += 5;
                    } else {
                        room[at] = MaybeUninit::new(b',');
                        at = write_vlq(room, at + 1, columns);
                        room[at..at + 2].copy_from_slice(&[MaybeUninit::new(b'A'); 2]);
                        at = write_vlq(room, at + 2, columns);
                    }
                    let window = (marks >> lowest) as u8;
                    let (tail, length) = &STEP_TAILS[usize::from(window)];
                    // A whole-array store, which compiles to a few vector moves (a slice copy
                    // of this length becomes a call to memcpy).
                    let slot: &mut [MaybeUninit<u8>; TAIL_BYTES] =
                        (&mut room[at..at + TAIL_BYTES]).try_into().expect("room for a tail");
                    *slot = *tail;
                    at += length;
                    previous = i64::from(start.wrapping_add(lowest + 7 - window.leading_zeros()));
                    // Drop the 8 columns just written (two shifts: one of 64 would overflow).
                    marks = (marks >> lowest >> 8 << 8) << lowest;
                }
                at
            },
        );
        let last = i64::from(start.wrapping_add(marks.ilog2()));
        self.previous_column = last;
        self.previous_generated_column += last - first;
    }

    fn new_line(&mut self) {
        self.out.push(b';');
        self.needs_comma = false;
        self.previous_generated_column = 0;
    }
}

/// Writes `value` at `at`, where there is room; returns the end.
#[inline(always)]
fn write_vlq(out: &mut [MaybeUninit<u8>], mut at: usize, value: i64) -> usize {
    let mut num = sign_in_low_bit(value);
    loop {
        let mut digit = (num & 31) as usize;
        num >>= 5;
        if num > 0 {
            digit |= 32;
        }
        out[at] = MaybeUninit::new(BASE64[digit]);
        at += 1;
        if num == 0 {
            return at;
        }
    }
}

/// Writes the values one after the other from `at`; returns the end.
fn write_all(out: &mut [MaybeUninit<u8>], at: usize, values: &[i64]) -> usize {
    values.iter().fold(at, |at, &value| write_vlq(out, at, value))
}

/// VLQ's form of a value: its magnitude shifted left, and its sign in the low bit.
#[inline(always)]
fn sign_in_low_bit(value: i64) -> i64 {
    // Without a branch: the sign of a column delta is a coin toss to the predictor.
    ((value.unsigned_abs() << 1) | u64::from(value < 0)) as i64
}

/// Values below this in VLQ form (fewer than 512 either way) have one or two digits.
const SHORT_VLQ_LIMIT: usize = 1024;

/// The digits of each short value in VLQ form, packed from the low byte up, and their
/// count in the bits above: a lookup instead of a digit loop for the fields of a
/// segment, which are almost always short.
const SHORT_VLQ: [u32; SHORT_VLQ_LIMIT] = {
    let mut table = [0; SHORT_VLQ_LIMIT];
    let mut num = 0;
    while num < SHORT_VLQ_LIMIT {
        table[num] = if num < 32 {
            BASE64[num] as u32 | 1 << 16
        } else {
            BASE64[(num & 31) | 32] as u32 | (BASE64[num >> 5] as u32) << 8 | 2 << 16
        };
        num += 1;
    }
    table
};

/// The digits of a short value ([`SHORT_VLQ`]) and their count.
#[inline(always)]
fn short_vlq(value: i64) -> Option<(u64, u32)> {
    let entry = *SHORT_VLQ.get(sign_in_low_bit(value) as usize)?;
    Some((u64::from(entry & 0xFFFF), entry >> 16))
}

/// The change from the previous value of a field, which becomes the new previous value.
fn delta(previous: &mut i64, value: u32) -> i64 {
    let value = i64::from(value);
    let delta = value - *previous;
    *previous = value;
    delta
}

/// Encodes decoded mappings.
pub fn encode(lines: &Lines) -> String {
    let mut writer = VlqWriter::default();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            writer.new_line();
        }
        for segment in line {
            writer.write_segment(segment);
        }
    }
    writer.finish()
}

/// Decodes a `mappings` string. Fails on characters outside base64 and on segments of
/// a length other than 1, 4 or 5.
pub fn decode(mappings: &str) -> Result<Lines, String> {
    let bytes = mappings.as_bytes();
    let mut lines: Lines = vec![Vec::new()];
    let mut fields = [0i64; 5];
    let mut state = [0i64; 5];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => {
                lines.push(Vec::new());
                state[0] = 0;
                i += 1;
                continue;
            }
            b',' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let mut count = 0;
        while i < bytes.len() && bytes[i] != b',' && bytes[i] != b';' {
            if count == 5 {
                return Err(format!("segment with more than 5 fields at {i}"));
            }
            let (value, next) = read_vlq(bytes, i)?;
            fields[count] = value;
            count += 1;
            i = next;
        }
        if !matches!(count, 1 | 4 | 5) {
            return Err(format!("segment with {count} fields before offset {i}"));
        }
        for f in 0..count {
            state[f] += fields[f];
        }
        let field = |f: usize| u32::try_from(state[f]).map_err(|_| format!("negative position before offset {i}"));
        let origin = if count == 1 {
            None
        } else {
            Some(Origin {
                source: field(1)?,
                line: field(2)?,
                column: field(3)?,
                name: if count == 5 { Some(field(4)?) } else { None },
            })
        };
        let generated_column = field(0)?;
        lines.last_mut().expect("a line exists").push(Segment { generated_column, origin });
    }
    Ok(lines)
}

fn read_vlq(bytes: &[u8], mut i: usize) -> Result<(i64, usize), String> {
    let mut value: i64 = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(i).ok_or("unterminated VLQ value")?;
        let digit = BASE64_VALUE.get(byte as usize).copied().unwrap_or(-1);
        if digit < 0 {
            return Err(format!("invalid character {:?} in mappings at {i}", byte as char));
        }
        if shift > 60 {
            return Err(format!("VLQ value too large at {i}"));
        }
        let digit = i64::from(digit);
        value |= (digit & 31) << shift;
        shift += 5;
        i += 1;
        if digit & 32 == 0 {
            break;
        }
    }
    let negative = value & 1 == 1;
    value >>= 1;
    Ok((if negative { -value } else { value }, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(generated_column: u32, line: u32, column: u32) -> Segment {
        Segment { generated_column, origin: Some(Origin { source: 0, line, column, name: None }) }
    }

    #[test]
    fn round_trip() {
        let lines = vec![vec![seg(0, 0, 0), seg(4, 0, 4)], vec![], vec![seg(0, 1, 0)]];
        let text = encode(&lines);
        assert_eq!(text, "AAAA,IAAI;;AACJ");
        assert_eq!(decode(&text).unwrap(), lines);
    }

    #[test]
    fn large_and_negative_deltas() {
        let lines = vec![vec![seg(100_000, 5000, 70_000), seg(100_001, 0, 0)]];
        assert_eq!(decode(&encode(&lines)).unwrap(), lines);
    }

    #[test]
    fn sourceless_and_named_segments() {
        let named =
            Segment { generated_column: 3, origin: Some(Origin { source: 1, line: 2, column: 3, name: Some(4) }) };
        let lines = vec![vec![Segment { generated_column: 0, origin: None }, named]];
        assert_eq!(decode(&encode(&lines)).unwrap(), lines);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(decode("A!AA").is_err());
        assert!(decode("AA").is_err());
        assert!(decode("g").is_err());
        assert!(decode("AAAAAAA").is_err());
    }
}
