using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "episodes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    patient_id = table.Column<long>(type: "INTEGER", nullable: false),
                    pathway = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    hf = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rhf = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    seniority_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    transferred_from_id = table.Column<long>(type: "INTEGER", nullable: true),
                    state = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    first_attendance_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decision_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    treatment_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    treatment_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    treatment_type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    end_code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episodes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    patient_id = table.Column<long>(type: "INTEGER", nullable: false),
                    root_id = table.Column<long>(type: "INTEGER", nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    record_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    time = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    replaces_id = table.Column<long>(type: "INTEGER", nullable: true),
                    is_withdrawal = table.Column<bool>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    batch_id = table.Column<long>(type: "INTEGER", nullable: true),
                    line = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "import_batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    imported_by = table.Column<string>(type: "TEXT", nullable: false),
                    accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    findings = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisations",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    parent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    name = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "patients",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    national_id = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "rejected_rows",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    line = table.Column<int>(type: "INTEGER", nullable: false),
                    record_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    column = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    raw_text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rejected_rows", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_episodes_patient_id",
                table: "episodes",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodes_treatment_date",
                table: "episodes",
                column: "treatment_date");

            migrationBuilder.CreateIndex(
                name: "ix_events_patient_id",
                table: "events",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_record_id_organisation",
                table: "events",
                columns: new[] { "record_id", "organisation" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_patients_national_id",
                table: "patients",
                column: "national_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_rejected_rows_batch_id",
                table: "rejected_rows",
                column: "batch_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "episodes");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "import_batches");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "patients");

            migrationBuilder.DropTable(
                name: "rejected_rows");
        }
    }
}
