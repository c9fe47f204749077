//! Layout shared by the Rust targets, as rustfmt leaves it.

/// rustfmt's limits: `max_width`, `fn_call_width` and `array_width` at their defaults.
const MAX_WIDTH: usize = 100;
const CALL_WIDTH: usize = 60;
const ARRAY_WIDTH: usize = 60;

/// One `.name(args)` link of a builder chain, laid out as rustfmt lays it: a single argument
/// stays on the line while the line fits; several only while they also fit `fn_call_width`;
/// otherwise one argument per line with a trailing comma.
pub(crate) fn chain_call(indent: usize, name: &str, args: &[String], suffix: &str) -> String {
    let pad = " ".repeat(indent);
    let one_line_args = args.join(", ");
    let line = format!("{pad}.{name}({one_line_args}){suffix}");
    let fits = !one_line_args.contains('\n') && line.len() <= MAX_WIDTH;
    if fits && (args.len() == 1 || one_line_args.len() <= CALL_WIDTH) {
        return format!("{line}\n");
    }
    let mut out = format!("{pad}.{name}(\n");
    for arg in args {
        out.push_str(&format!("{pad}    {arg},\n"));
    }
    out.push_str(&format!("{pad}){suffix}\n"));
    out
}

/// A link whose only argument is an array (`&[…]` when `borrowed`): on one line while it fits
/// and its items fit `array_width`, else one item per line inside `(&[` and `])`.
pub(crate) fn chain_call_array(
    indent: usize,
    name: &str,
    borrowed: bool,
    items: &[String],
    suffix: &str,
) -> String {
    let pad = " ".repeat(indent);
    let open = if borrowed { "&[" } else { "[" };
    let contents = items.join(", ");
    let line = format!("{pad}.{name}({open}{contents}]){suffix}");
    if line.len() <= MAX_WIDTH && (items.len() == 1 || contents.len() <= ARRAY_WIDTH) {
        return format!("{line}\n");
    }
    let mut out = format!("{pad}.{name}({open}\n");
    for item in items {
        out.push_str(&format!("{pad}    {item},\n"));
    }
    out.push_str(&format!("{pad}]){suffix}\n"));
    out
}

/// `10000` as `10_000`, as rustfmt leaves it and people write it.
pub(crate) fn group_digits(n: u64) -> String {
    crate::model::group_digits(n, '_')
}

/// The loop body that takes each complete line out of `buffer` (bytes received so far) and
/// runs `handle` on it as `line: &str`, without its line break: what the Rust targets that read
/// a stream as it arrives share. Indented by `indent`; `handle` is written one level deeper.
pub(crate) fn split_lines(indent: usize, handle: &str) -> String {
    let pad = " ".repeat(indent);
    let handle = handle.replace('\n', &format!("\n{pad}    "));
    format!(
        "{pad}while let Some(end) = buffer.iter().position(|&b| b == b'\\n') {{
{pad}    let line: Vec<u8> = buffer.drain(..=end).collect();
{pad}    let line = String::from_utf8_lossy(&line);
{pad}    let line = line.trim_end_matches(['\\n', '\\r']);
{pad}    {handle}
{pad}}}
"
    )
}
