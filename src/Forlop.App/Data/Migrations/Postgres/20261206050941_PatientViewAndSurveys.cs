using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Forlop.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PatientViewAndSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "patient_logins",
                columns: table => new
                {
                    login_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    national_id = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    display_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patient_logins", x => x.login_name);
                });

            migrationBuilder.CreateTable(
                name: "relative_consents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    patient_national_id = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    relative_national_id = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    relative_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    given_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_relative_consents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    pathway = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    q1 = table.Column<int>(type: "integer", nullable: true),
                    q2 = table.Column<int>(type: "integer", nullable: true),
                    q3 = table.Column<int>(type: "integer", nullable: true),
                    q4 = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "survey_invitations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    episode_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    pathway = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    answered_on = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_invitations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_relative_consents_patient_national_id",
                table: "relative_consents",
                column: "patient_national_id");

            migrationBuilder.CreateIndex(
                name: "ix_relative_consents_relative_national_id",
                table: "relative_consents",
                column: "relative_national_id");

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_period",
                table: "survey_answers",
                column: "period");

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_episode_id_kind",
                table: "survey_invitations",
                columns: new[] { "episode_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_invitations_token_hash",
                table: "survey_invitations",
                column: "token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "patient_logins");

            migrationBuilder.DropTable(
                name: "relative_consents");

            migrationBuilder.DropTable(
                name: "survey_answers");

            migrationBuilder.DropTable(
                name: "survey_invitations");
        }
    }
}
