"""What the admin's rich-text editor (Quill 2) posts is stored as plain story HTML."""

from articles.models import Story


def saved_body(world, body):
    return Story.objects.create(headline="Editor output", section=world, body=body).body


def test_bullet_items_become_an_unordered_list(world):
    quill = (
        '<ol><li data-list="bullet"><span class="ql-ui" contenteditable="false"></span>Bread</li>'
        '<li data-list="bullet"><span class="ql-ui" contenteditable="false"></span>Milk</li></ol>'
    )

    assert saved_body(world, quill) == "<ul><li>Bread</li><li>Milk</li></ul>"


def test_mixed_items_split_into_the_lists_they_mean(world):
    quill = (
        '<p>Steps:</p><ol><li data-list="ordered">Mix</li><li data-list="ordered">Bake</li>'
        '<li data-list="bullet">Tip: use butter</li></ol><p>Done.</p>'
    )

    assert saved_body(world, quill) == (
        "<p>Steps:</p><ol><li>Mix</li><li>Bake</li></ol><ul><li>Tip: use butter</li></ul><p>Done.</p>"
    )


def test_editor_headings_and_quotes_survive_and_its_classes_do_not(world):
    quill = '<h2>Why</h2><blockquote class="ql-align-center">“We will rebuild.”</blockquote>'

    assert saved_body(world, quill) == "<h2>Why</h2><blockquote>“We will rebuild.”</blockquote>"


def test_blank_lines_typed_in_the_editor_are_dropped(world):
    quill = "<p>One.</p><p><br></p><p><br></p><p>Two.<br>Still two.</p>"

    assert saved_body(world, quill) == "<p>One.</p><p>Two.<br>Still two.</p>"


def test_plain_ordered_lists_are_left_alone(world):
    assert saved_body(world, "<ol><li>One</li><li>Two</li></ol>") == "<ol><li>One</li><li>Two</li></ol>"
