# Generated from withdraw.txt by `python -m followup_engine.template_code`: do not edit.
# ruff: noqa
# fmt: off
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'withdraw.txt'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_role_phrase = resolve('role_phrase')
    l_0_at_company = resolve('at_company')
    l_0_greeting = resolve('greeting')
    l_0_team = resolve('team')
    l_0_employer = resolve('employer')
    l_0_sign_off = resolve('sign_off')
    pass
    yield 'Withdrawing my application for '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield '\n\n'
    yield str((undefined(name='greeting') if l_0_greeting is missing else l_0_greeting))
    yield '\n\nThank you for considering me for '
    yield str((undefined(name='role_phrase') if l_0_role_phrase is missing else l_0_role_phrase))
    yield str((undefined(name='at_company') if l_0_at_company is missing else l_0_at_company))
    yield ', and for the time you and '
    yield str((undefined(name='team') if l_0_team is missing else l_0_team))
    yield ' gave me. I am writing to let you know that I would like to withdraw my application.\n\nIt was a pleasure to learn about '
    yield str((undefined(name='employer') if l_0_employer is missing else l_0_employer))
    yield ', and I hope our paths cross again.\n\n'
    yield str((undefined(name='sign_off') if l_0_sign_off is missing else l_0_sign_off))

blocks = {}
debug_info = '2=18&4=21&6=23&8=28&10=30'
