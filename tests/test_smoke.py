def test_home_page_is_built(site_dir):
    assert (site_dir / "index.html").exists()
