"""The words the SQL tokenizer and the SQL injection rules know, grouped by role.

Written for faasguard from general SQL knowledge (MySQL, PostgreSQL, SQL Server, Oracle, SQLite
dialects); not taken from any other detector.
"""

from __future__ import annotations

__all__ = [
    "ATTACK_FUNCTIONS",
    "CONDITIONAL_FUNCTIONS",
    "DDL_OBJECTS",
    "KEYWORDS",
    "LOGIC",
    "NOT_FUNCTIONS",
    "OPENING_STATEMENTS",
    "PROBE_FUNCTIONS",
    "STATEMENTS",
    "STRONG_NAMES",
    "UNION",
    "WORD_CMP",
    "WORD_OPS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Logical operators: type "&".
LOGIC = _words("&& and or xor ||")

# Operators spelled as words: type "o".
WORD_OPS = _words("between binary div ilike in is like mod not regexp rlike sounds")

# Of those, the ones that compare (like "=").
WORD_CMP = _words("between ilike in is like regexp rlike sounds")

# Set operators joining two queries: type "U".
UNION = _words("except intersect minus union")

# Keywords that start a statement: type "E".
STATEMENTS = _words(
    "alter begin call commit copy create declare delete describe do drop exec execute grant "
    "handler if insert load merge rename revoke rollback select set show shutdown truncate "
    "update use values waitfor while with"
)

# Other keywords: type "k".
KEYWORDS = _words(
    "all analyse as asc by case collate cross database delay desc distinct dual dumpfile else "
    "end escape exists false fetch for from function group having inner into join language "
    "left limit natural next null offset on only order outer outfile procedure returns right "
    "rows schema sql_calc_found_rows straight_join table then time top true unknown user when "
    "where"
)

# Words that keep their type before "(": "in (1,2)", "union (select".
NOT_FUNCTIONS = _words(
    "all and as by distinct else except exists from having in intersect into is minus not on "
    "or select then union values when where xor"
)

# Functions an injected expression calls to read or test data.
ATTACK_FUNCTIONS = _words(
    "abs aes_decrypt aes_encrypt ascii avg benchmark bin boolean cast char chr coalesce "
    "concat concat_ws conv convert cos count crypt_key ctxsys current_database current_user "
    "database db_name dbms_lock dbms_pipe decode elt encode exists exp extractvalue floor "
    "generate_series geometrycollection get_host_address get_host_name getdate greatest "
    "group_concat gtid_subset hex if ifnull iif instr isnull json_keys last_insert_rowid "
    "least left len length linestring listagg lo_import load_file locate lower ltrim make_set "
    "max md5 mid min multipoint name_const nchar now nullif oct ord pg_read_file pg_sleep pi "
    "polygon position procedure_analyse quote rand randomblob receive_message "
    "regexp_substring repeat replace reverse right row rtrim schema schema_name session_user "
    "sha1 sin sleep space sqlite_version strcmp string_agg substr substring sum sys_eval "
    "sys_exec sysdate system_user to_char trim unhex unicode updatexml upper user utl_inaddr "
    "version waitfor xmlagg xmltype xp_cmdshell"
)

# System tables and procedures only an attacker probing a database names.
STRONG_NAMES = _words(
    "all_tables dbms_lock dbms_pipe information_schema msysaccessobjects msysobjects "
    "mysql.user pg_database pg_shadow pg_sleep pg_user rdb$fields rdb$relations sp_executesql "
    "sp_makewebtask sp_oacreate sp_password sqlite_master syscolumns sysdatabases sysibm "
    "sysobjects sysusers user_tables utl_http utl_inaddr xp_cmdshell"
)

# Calls that make a database wait, read files or raise errors carrying data.
PROBE_FUNCTIONS = _words(
    "benchmark dbms_pipe extractvalue get_host_address get_host_name gtid_subset json_keys "
    "lo_import load_file name_const pg_read_file pg_sleep procedure_analyse randomblob "
    "receive_message regexp_substring sleep sys_eval sys_exec updatexml utl_inaddr "
    "xp_cmdshell"
)

# Conditionals whose first argument is a comparison in blind injection.
CONDITIONAL_FUNCTIONS = _words("elt if ifnull iif make_set nullif")

# What DROP / CREATE / ALTER act on.
DDL_OBJECTS = _words(
    "column database function index login procedure schema table temporary trigger user view"
)

# Statements that may open the whole text ("select * from users").
OPENING_STATEMENTS = _words(
    "alter create declare delete drop exec execute insert select shutdown truncate update waitfor"
)
