"""Where the pipeline tests look: always the committed ``data/`` (whatever ``ATLAS_DATA_DIR`` says, since
that is what they guard) and the published sources in ``../shared/data`` (or ``ATLAS_SHARED_DIR``). A test
that reads the sources is marked ``@pytest.mark.needs("shared")`` (or calls ``need("shared")`` in its
fixture): without them it skips locally with the reason, and fails in CI."""

from coverage import paths

DATA = paths.PROJECT_ROOT / "data"
SHARED = paths.shared_dir()
AREA_COUNTS = {"utla": 218, "lad": 361, "health": 68, "region": 12, "nation": 4}
