"""transparency.views.html_compact: whitespace collapsed in text, never where it shows or separates."""
from transparency.views.html_compact import compact_html


def test_a_run_of_whitespace_becomes_one_newline_or_one_space():
    assert compact_html("<ul>\n    \n  <li>a</li>\n\n</ul>") == "<ul>\n<li>a</li>\n</ul>"
    assert compact_html("<p>one   two\t three</p>") == "<p>one two three</p>"
    # a tab or form feed alone is a space; spaces before a line break go with it; one space stays
    assert compact_html("<p>a\tb\fc d</p>") == "<p>a b c d</p>"
    assert compact_html("<p>a  \t\r\n  b \n\tc</p>") == "<p>a\nb\nc</p>"


def test_whitespace_between_inline_elements_is_kept():
    assert compact_html("<strong>a</strong> <a>b</a>") == "<strong>a</strong> <a>b</a>"
    assert compact_html("<strong>a</strong>\n   <a>b</a>") == "<strong>a</strong>\n<a>b</a>"


def test_pre_textarea_script_and_style_are_untouched():
    for raw in ("<pre>a\n\n    b  c</pre>", "<textarea name=t>\n  x   y\n</textarea>",
                "<script>var a =  1;\n\n  b()</script>", "<style>a  {  }\n\n</style>", "<PRE class='x'>  a\n\n</PRE>"):
        assert compact_html("<div>\n\n" + raw + "\n\n</div>") == "<div>\n" + raw + "\n</div>"


def test_attribute_values_and_comments_are_untouched():
    page = '<a title="two  spaces\n\n here" href="x">y</a><!--  a\n\n b  -->'
    assert compact_html(page) == page


def test_a_no_break_space_is_text_not_whitespace():
    assert compact_html("<td>£1,000\u00a0\u00a0 </td>") == "<td>£1,000\u00a0\u00a0 </td>"


def test_a_compacted_page_stays_the_same_when_compacted_again():
    page = "<body>\n  <p>a  <em>b</em>\n\n c</p>\n  <pre> x\n\n</pre>\n</body>\n"
    assert compact_html(compact_html(page)) == compact_html(page)
