"""Plain language: every page reads at about grade 8, and none above grade 9."""

import readability


def test_every_page_is_within_the_reading_level_limits():
    readings = readability.measure_all()
    assert readings, "no pages were measured"
    assert readability.problems(readings) == []


def test_hard_prose_is_reported_with_page_and_grade():
    hard = (
        "Attachment theory, developed by the psychiatrist and psychoanalyst John Bowlby, proposes that "
        "infants possess an evolutionarily adaptive predisposition to maintain proximity to caregivers."
    )
    reading = readability.measure("styles/example.md", hard)
    problem = readability.problems([reading])[0]
    assert problem.startswith("docs/styles/example.md: reading grade ")
    assert reading.grade > 9


def test_front_matter_headings_and_citations_are_not_counted():
    page = "---\ntitle: Extraordinarily complicated terminology\n---\n\n## Incomprehensible headline\n\nWe feel safe.[^1]\n\n[^1]: Bowlby J. Attachment and loss. Hogarth Press; 1969.\n"
    reading = readability.measure("x.md", page)
    assert (reading.words, reading.sentences) == (3, 1)
